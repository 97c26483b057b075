"""Publisher: one model's layers to sf.weights, idempotent, delivery errors raised."""
from confluent_kafka import KafkaException, Producer

from ._records import DeliveryError, encode_weights

_CALLBACKS = {"error_cb", "throttle_cb", "stats_cb", "oauth_cb", "logger", "on_delivery"}


def kafka_settings(kafka_config):
    """confluent-kafka settings from keyword arguments: ``security_protocol`` means ``security.protocol``."""
    out = {}
    for key, value in kafka_config.items():
        out[key if "." in key or key in _CALLBACKS else key.replace("_", ".")] = value
    return out


class Publisher:
    """Sends weights records of one model to the monitor's ``sf.weights`` topic.

    ``Publisher("127.0.0.1:9092", model="lm", **kafka_config)``: any confluent-kafka setting may be
    given, dotted (``**{"security.protocol": "SASL_SSL"}``) or with underscores
    (``security_protocol="SASL_SSL"``). Records of one layer share a key, so they stay in order.
    ``publish`` raises ``ValueError`` for a bad argument before anything is sent, and
    ``DeliveryError`` for a record the broker refused; ``flush`` waits for every acknowledgement and
    raises ``DeliveryError`` if any record was not delivered.
    """

    def __init__(self, bootstrap_servers, model, topic="sf.weights", **kafka_config):
        if not isinstance(model, str) or not model:
            raise ValueError(f"model must be a non-empty string, got {model!r}")
        self.model = model
        self.topic = topic
        # one request in flight: a batch refused by a just-created partition cannot be overtaken by the next
        # one, which would leave its retry out of sequence for the broker
        conf = {"bootstrap.servers": bootstrap_servers, "enable.idempotence": True, "acks": "all",
                "max.in.flight.requests.per.connection": 1, "message.max.bytes": 64 * 1024 * 1024, "linger.ms": 5}
        conf.update(kafka_settings(kafka_config))
        self._producer = Producer(conf)
        self._errors = []
        self.sent = 0
        self.delivered = 0

    def _on_delivery(self, err, msg):
        if err is not None:
            self._errors.append(f"{msg.topic()} key {msg.key()!r}: {err}")
        else:
            self.delivered += 1

    def _raise_pending(self):
        if self._errors:
            errors, self._errors = self._errors, []
            raise DeliveryError(f"{len(errors)} record(s) not delivered: " + "; ".join(errors[:3]))

    def publish(self, layer, step, weight, cell="rnn_tanh", horizon=100, jacobians=None, dtype="f32"):
        """Queue one weights record: ``weight`` is the layer's ``weight_hh`` (NumPy array or torch tensor)."""
        key, value = encode_weights(self.model, layer, step, weight, cell=cell, horizon=horizon,
                                    jacobians=jacobians, dtype=dtype)
        self._raise_pending()
        while True:
            try:
                self._producer.produce(self.topic, key=key, value=value, on_delivery=self._on_delivery)
                break
            except BufferError:  # the local queue is full: let deliveries drain, then retry
                self._producer.poll(0.5)
            except KafkaException as e:
                raise DeliveryError(f"could not queue {layer} step {step}: {e}") from e
        self.sent += 1
        self._producer.poll(0)
        self._raise_pending()

    def flush(self, timeout=30.0):
        """Wait until every queued record is acknowledged; raises DeliveryError otherwise."""
        left = self._producer.flush(timeout)
        self._raise_pending()
        if left:
            raise DeliveryError(f"{left} record(s) still undelivered after {timeout} s (is the broker reachable?)")

    def close(self, timeout=30.0):
        self.flush(timeout)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.flush()
