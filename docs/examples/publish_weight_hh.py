#!/usr/bin/env python3
"""A training loop that publishes its recurrent weight matrix to spectralflow's sf.weights topic.

Needs python3-numpy and python3-confluent-kafka (both Debian packages). Run the monitor first:
    java -jar target/spectralflow.jar monitor          # embedded broker on 127.0.0.1:9092
then:
    python3 docs/examples/publish_weight_hh.py --bootstrap 127.0.0.1:9092   # the address monitor printed

The "training" here is a stand-in that lets the recurrent matrix drift towards a spectral radius
above one, so that the monitor's forecast and regime alerts fire; replace it with your model's
`rnn.weight_hh_l0` (e.g. `model.rnn.weight_hh_l0.detach().cpu().numpy()` in PyTorch).
"""
import argparse
import base64
import json

import numpy as np
from confluent_kafka import Producer


def weights_record(model, layer, step, w, activation="tanh", horizon=100):
    w32 = np.ascontiguousarray(w, dtype="<f4")  # row-major, little-endian f32
    return json.dumps({
        "v": 1, "model": model, "layer": layer, "step": int(step), "n": int(w.shape[0]),
        "dtype": "f32", "data_b64": base64.b64encode(w32.tobytes()).decode("ascii"),
        "activation": activation, "horizon": horizon,
    })


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bootstrap", default="127.0.0.1:9092")
    ap.add_argument("--n", type=int, default=128)
    ap.add_argument("--steps", type=int, default=3000)
    ap.add_argument("--every", type=int, default=200, help="publish every this many training steps")
    args = ap.parse_args()

    # a matrix up to ~11 MB (N = 1024, f64) fits once the producer allows it
    producer = Producer({"bootstrap.servers": args.bootstrap, "message.max.bytes": 64 * 1024 * 1024})
    rng = np.random.default_rng(0)
    w = rng.standard_normal((args.n, args.n)) / np.sqrt(args.n)
    w *= 0.9 / np.max(np.abs(np.linalg.eigvals(w)))            # start at ρ = 0.9
    for step in range(0, args.steps + 1):
        if step % args.every == 0:
            key = f"demo-rnn/rnn.weight_hh_l0"               # one key per layer keeps its records in order
            producer.produce("sf.weights", key=key, value=weights_record("demo-rnn", "rnn.weight_hh_l0", step, w, "linear"))
            producer.poll(0)
            print(f"step {step}: published, rho = {np.max(np.abs(np.linalg.eigvals(w))):.4f}")
        w *= 1.0 + 0.2 / args.steps                              # "training" drifts ρ upwards, past 1
    producer.flush()


if __name__ == "__main__":
    main()
