// What a page in the browser gets wrong for people with low vision or a screen reader, one line each:
// text whose contrast with what is behind it is below WCAG AA (4.5:1, 3:1 for large text), images
// without alt text, form controls without a label, links and buttons without a name. Runs on the
// rendered page (computed styles), so brand colors and CSS are checked as the customer sees them.
const problems = [];
const parse = (css) => {
	const m = /rgba?\(([^)]+)\)/.exec(css);
	if (!m) return null;
	const p = m[1].split(/[ ,/]+/).filter(Boolean).map(parseFloat);
	return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
};
const over = (top, bottom) => ({
	r: top.r * top.a + bottom.r * (1 - top.a),
	g: top.g * top.a + bottom.g * (1 - top.a),
	b: top.b * top.a + bottom.b * (1 - top.a),
	a: 1,
});
const luminance = (c) => {
	const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
	return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
};
const background = (element) => {
	const layers = [];
	for (let e = element; e; e = e.parentElement) {
		const c = parse(getComputedStyle(e).backgroundColor);
		if (c && c.a > 0) {
			layers.push(c);
			if (c.a >= 1) break;
		}
	}
	let color = { r: 255, g: 255, b: 255, a: 1 };
	for (let i = layers.length - 1; i >= 0; i--) color = over(layers[i], color);
	return color;
};
const shown = (e) => {
	const style = getComputedStyle(e);
	return style.display !== 'none' && style.visibility !== 'hidden' && e.getClientRects().length > 0;
};
const describe = (e, text) => '<' + e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
	+ (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '') + '>'
	+ (text ? ' "' + text.trim().replace(/\s+/g, ' ').slice(0, 40) + '"' : '');
for (const e of document.querySelectorAll('body *')) {
	if (e.closest('svg') || !shown(e)) continue;
	const text = Array.from(e.childNodes).filter((n) => n.nodeType === 3).map((n) => n.textContent).join('');
	if (text.trim()) {
		const style = getComputedStyle(e);
		const back = background(e);
		const fore = over(parse(style.color) || { r: 0, g: 0, b: 0, a: 1 }, back);
		const [light, dark] = [luminance(fore), luminance(back)].sort((a, b) => b - a);
		const ratio = (light + 0.05) / (dark + 0.05);
		const size = parseFloat(style.fontSize);
		const large = size >= 24 || (parseInt(style.fontWeight, 10) >= 700 && size >= 18.66);
		const needed = large ? 3 : 4.5;
		if (ratio < needed) problems.push('contrast ' + ratio.toFixed(2) + ':1 (needs ' + needed + ':1) ' + describe(e, text));
	}
	const tag = e.tagName.toLowerCase();
	if (tag === 'img' && !e.hasAttribute('alt')) problems.push('no alt text ' + describe(e));
	if ((tag === 'input' && e.type !== 'hidden' && e.type !== 'submit') || tag === 'select' || tag === 'textarea') {
		if (!(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby')) {
			problems.push('no label ' + describe(e));
		}
	}
	if ((tag === 'a' && e.hasAttribute('href')) || tag === 'button') {
		const name = (e.innerText || '').trim() || e.getAttribute('aria-label')
			|| Array.from(e.querySelectorAll('img[alt]')).map((i) => i.alt).join('').trim() || e.getAttribute('title');
		if (!name) problems.push('no accessible name ' + describe(e));
	}
}
return problems;
