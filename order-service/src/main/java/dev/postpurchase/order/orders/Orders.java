package dev.postpurchase.order.orders;

import org.springframework.data.repository.reactive.ReactiveCrudRepository;

/** The stored orders. */
public interface Orders extends ReactiveCrudRepository<Order, String> {

}
