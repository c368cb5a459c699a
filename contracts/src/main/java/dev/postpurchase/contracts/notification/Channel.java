package dev.postpurchase.contracts.notification;

/** How a customer is reached. */
public enum Channel {

	EMAIL, SMS, WHATSAPP

}
