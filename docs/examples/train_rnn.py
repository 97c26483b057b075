#!/usr/bin/env python3
"""Train a small recurrent model on the adding problem while spectralflow's monitor watches it.

Each run trains one model (a vanilla nn.RNN or an nn.LSTM) and publishes its recurrent weights
and state Jacobians through `spectralflow_client.watch` every `--every` steps. A run is
"healthy" (Adam, lr 1e-3, gradients clipped) or "exploding" (plain SGD with a large learning rate
and no clipping, which pushes the recurrent matrix's spectral radius past 1 until the gradient
blows up). Afterwards it reads the monitor's alerts for the model and reports:

  explosion step  the first step whose global gradient norm exceeds 100× the median norm of the
                  first 10 % of training, or whose loss is not finite
  first alert     the training step of the first alert (forecast or regime) the monitor raised
  lead time       explosion step − first alert step (positive: the warning came first)

Needs Debian's python3-torch, python3-numpy, python3-confluent-kafka (use /usr/bin/python3) and the
client on the path. Run from the repository root after `mvn -o package -DskipTests`:

    PYTHONPATH=python /usr/bin/python3 docs/examples/train_rnn.py --all            # starts a monitor
    PYTHONPATH=python /usr/bin/python3 docs/examples/train_rnn.py --cell lstm --config exploding \\
        --bootstrap 127.0.0.1:9092                                                  # a running monitor
"""
import argparse
import json
import math
import os
import pathlib
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid

import numpy as np
import torch

from spectralflow_client import Publisher, follow, watch

ROOT = pathlib.Path(__file__).resolve().parents[2]

CONFIGS = {
    # a standard recipe: Adam, lr 1e-3, gradient norm clipped at 1
    "healthy": {"opt": "adam", "lr": 1e-3, "clip": 1.0, "hh_decay": 0.0},
    # plain SGD, no clipping, and weight decay of the wrong sign on the recurrent weights: every
    # step multiplies weight_hh by 1 + lr·0.05 (×1.0025), so ρ drifts past 1 as in a run whose
    # recurrent weights grow unchecked, until the gradient explodes
    "exploding": {"opt": "sgd", "lr": 0.05, "clip": None, "hh_decay": -0.05},
}


def adding_batch(gen, batch, length):
    """The adding problem: values U(0, 1) and two markers; the target is the sum of the two marked values."""
    values = torch.rand(batch, length, generator=gen)
    markers = torch.zeros(batch, length)
    first = torch.randint(0, length // 2, (batch,), generator=gen)
    second = torch.randint(length // 2, length, (batch,), generator=gen)
    markers[torch.arange(batch), first] = 1
    markers[torch.arange(batch), second] = 1
    x = torch.stack([values, markers], dim=2)  # (batch, T, 2)
    y = (values * markers).sum(1, keepdim=True)
    return x, y


class Model(torch.nn.Module):
    def __init__(self, cell, hidden):
        super().__init__()
        if cell == "lstm":
            self.rnn = torch.nn.LSTM(2, hidden, batch_first=True)
        else:
            self.rnn = torch.nn.RNN(2, hidden, batch_first=True, nonlinearity=cell.split("_")[1])
        self.out = torch.nn.Linear(hidden, 1)

    def forward(self, x):
        return self.out(self.rnn(x)[0][:, -1])


def train(bootstrap, cell, config, steps, every, hidden, length, seed, jacobian_steps, log=print):
    """One monitored training run; returns its measurements."""
    torch.manual_seed(seed)
    gen = torch.Generator().manual_seed(seed)
    model = Model(cell, hidden)
    cfg = CONFIGS[config]
    lr = cfg["lr"]
    hh = [p for n, p in model.named_parameters() if "weight_hh" in n]
    rest = [p for n, p in model.named_parameters() if "weight_hh" not in n]
    groups = [{"params": hh, "weight_decay": cfg["hh_decay"]}, {"params": rest}]
    opt = (torch.optim.Adam if cfg["opt"] == "adam" else torch.optim.SGD)(groups, lr=lr)
    name = f"adding-{cell}-{config}-{uuid.uuid4().hex[:6]}"
    pub = Publisher(bootstrap, model=name)
    hook = watch(model, pub, every=every, horizon=length, jacobian_steps=jacobian_steps)
    norms, losses = [], []
    started = time.monotonic()
    for step in range(steps):
        x, y = adding_batch(gen, 64, length)
        loss = torch.nn.functional.mse_loss(model(x), y)
        opt.zero_grad()
        loss.backward()
        norm = float(torch.sqrt(sum((p.grad.double() ** 2).sum() for p in model.parameters() if p.grad is not None)))
        norms.append(norm)
        losses.append(float(loss))
        if not math.isfinite(losses[-1]) or not math.isfinite(norm):
            log(f"  step {step}: loss {losses[-1]}, gradient norm {norm}: stopping")
            break
        if cfg["clip"]:
            torch.nn.utils.clip_grad_norm_(model.parameters(), cfg["clip"])
        opt.step()
        hook.step(step, sample_input=x[:1])  # the weights after this step's update
        if step % 250 == 0:
            log(f"  step {step}: loss {losses[-1]:.4f}, gradient norm {norm:.3g}", flush=True)
    pub.flush()
    seconds = time.monotonic() - started
    baseline = float(np.median(norms[:max(1, min(len(norms), steps // 10))]))
    explosion = next((i for i, (n, l) in enumerate(zip(norms, losses))
                      if n > 100 * baseline or not math.isfinite(n) or not math.isfinite(l)), None)
    alerts = read_alerts(bootstrap, name)
    first = min((a["step"] for a in alerts), default=None)
    return {"model": name, "cell": cell, "config": config, "lr": lr, "steps": len(norms), "seconds": round(seconds, 1),
            "published": pub.delivered, "baseline_gradient_norm": baseline,
            "max_gradient_ratio": max(n for n in norms if math.isfinite(n)) / baseline, "explosion_step": explosion,
            "alerts": len(alerts), "first_alert_step": first,
            "first_alert": next((a["message"] for a in sorted(alerts, key=lambda a: a["step"])), None),
            "alert_list": [f'{a["kind"]} @{a["step"]}: {a["from"]} → {a["to"]}' for a in sorted(alerts, key=lambda a: a["step"])],
            "lead_time_steps": None if explosion is None or first is None else explosion - first,
            "final_loss": losses[-1]}


def read_alerts(bootstrap, model, settle=8):
    """The model's committed alerts: read until `settle` seconds pass without a new one."""
    return list(follow(bootstrap, topic="sf.alerts", model=model, timeout=settle))


def start_monitor(jar):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(["java", "-jar", str(jar), "monitor", "--embedded-port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in proc.stderr:
        if line.startswith("monitoring: publish weights to topic"):
            threading.Thread(target=lambda: [None for _ in proc.stderr], daemon=True).start()
            return proc, line.strip().rsplit(" at ", 1)[1]
    raise SystemExit("the monitor did not start")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bootstrap", help="a running monitor's broker (default: start one from the jar)")
    ap.add_argument("--jar", default=str(ROOT / "target" / "spectralflow.jar"))
    ap.add_argument("--cell", choices=["rnn_relu", "rnn_tanh", "lstm"], default="rnn_relu",
                    help="nn.RNN with ReLU or tanh, or nn.LSTM (default: %(default)s)")
    ap.add_argument("--config", choices=sorted(CONFIGS), default="exploding")
    ap.add_argument("--all", action="store_true", help="both cells, both configurations")
    ap.add_argument("--steps", type=int, default=1000)
    ap.add_argument("--every", type=int, default=25, help="publish every this many training steps")
    ap.add_argument("--hidden", type=int, default=64)
    ap.add_argument("--length", type=int, default=50, help="sequence length T of the adding problem")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jacobian-steps", type=int, help="state Jacobians per record (default: the whole sequence)")
    ap.add_argument("--json", help="write the results here")
    args = ap.parse_args()
    torch.set_num_threads(1)
    proc = None
    bootstrap = args.bootstrap
    if bootstrap is None:
        if not pathlib.Path(args.jar).exists():
            raise SystemExit(f"{args.jar} is missing: run `mvn -o package -DskipTests` first, or pass --bootstrap")
        proc, bootstrap = start_monitor(args.jar)
        print(f"monitor started, broker at {bootstrap}")
    runs = [(c, k) for c in ("rnn_relu", "lstm") for k in ("healthy", "exploding")] if args.all else [(args.cell, args.config)]
    results = []
    try:
        for cell, config in runs:
            print(f"{cell} {config}:")
            r = train(bootstrap, cell, config, args.steps, args.every, args.hidden, args.length, args.seed,
                      args.jacobian_steps or args.length)
            print(json.dumps(r, indent=1))
            results.append(r)
    finally:
        if proc is not None:
            proc.send_signal(signal.SIGTERM)
            proc.wait(60)
    print(f"\n{'cell':6} {'config':10} {'steps':>6} {'explosion':>9} {'alerts':>6} {'1st alert':>9} {'lead':>6}")
    for r in results:
        print(f"{r['cell']:6} {r['config']:10} {r['steps']:6d} {str(r['explosion_step']):>9} {r['alerts']:6d} "
              f"{str(r['first_alert_step']):>9} {str(r['lead_time_steps']):>6}")
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
