"""follow: the monitor's committed output records as dicts."""
import json
import time
import uuid

from confluent_kafka import Consumer, KafkaError

from ._publisher import kafka_settings


def follow(bootstrap_servers, topic="sf.health", model=None, timeout=30, layer=None, from_beginning=True,
           **kafka_config):
    """Yield each record of ``topic`` (``sf.health``, ``sf.alerts``, ``sf.dlq``…) as a dict.

    Reads ``read_committed`` (what the monitor's transactions have committed), from the beginning
    of the topic unless ``from_beginning`` is false, with a fresh consumer group that commits
    nothing. ``model`` and ``layer`` filter by those fields. Stops after ``timeout`` seconds
    without a new (matching) record; ``timeout=None`` follows forever.
    """
    conf = {"bootstrap.servers": bootstrap_servers, "group.id": f"spectralflow-follow-{uuid.uuid4()}",
            "auto.offset.reset": "earliest" if from_beginning else "latest", "enable.auto.commit": False,
            "isolation.level": "read_committed"}
    conf.update(kafka_settings(kafka_config))
    consumer = Consumer(conf)
    try:
        consumer.subscribe([topic])
        last = time.monotonic()
        while timeout is None or time.monotonic() - last < timeout:
            msg = consumer.poll(0.5)
            if msg is None:
                continue
            if msg.error():
                if msg.error().code() in (KafkaError._PARTITION_EOF, KafkaError.UNKNOWN_TOPIC_OR_PART):
                    continue  # the topic may not exist yet
                raise RuntimeError(f"reading {topic}: {msg.error()}")
            try:
                rec = json.loads(msg.value())
            except (TypeError, ValueError):
                continue  # not a record of ours
            if not isinstance(rec, dict):
                continue
            if (model is not None and rec.get("model") != model) or (layer is not None and rec.get("layer") != layer):
                continue
            last = time.monotonic()
            yield rec
    finally:
        consumer.close()
