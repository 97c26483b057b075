"""The client against the real monitor: publish, read the health back, check it against numpy and torch."""
import json
import uuid

import numpy as np
import pytest
import torch
from confluent_kafka import Consumer

from spectralflow_client import DeliveryError, Publisher, follow, watch


def collect(bootstrap, model, layers, topic="sf.health", timeout=60):
    """The health record of each named layer (the newest step), waiting until all have come."""
    got = {}
    for rec in follow(bootstrap, topic=topic, model=model, timeout=timeout):
        got[rec["layer"]] = rec
        if set(layers) <= set(got):
            break
    missing = set(layers) - set(got)
    assert not missing, f"no {topic} record for {missing}; got {sorted(got)}"
    return got


def radius(a):
    return float(np.max(np.abs(np.linalg.eigvals(a))))


def f32(a):
    return np.asarray(a, dtype=np.float32).astype(np.float64)


def scaled_orthogonal(rng, k, m):
    """J_t = c_t Q_t: every vector's norm scales by c_t, so the gradient rate is mean ln c_t for any start."""
    c = rng.uniform(0.6, 1.4, size=k)
    qs = [np.linalg.qr(rng.standard_normal((m, m)))[0] for _ in range(k)]
    return np.stack([ci * q for ci, q in zip(c, qs)]), c


def test_health_of_plain_and_gated_layers_matches_numpy(monitor):
    model = f"np-{uuid.uuid4().hex[:8]}"
    rng = np.random.default_rng(7)
    H = 12
    w_rnn = rng.standard_normal((32, 32)) / np.sqrt(32) * 1.1
    w_lstm = torch.randn(4 * H, H, generator=torch.Generator().manual_seed(3)) / H ** 0.5
    w_gru = rng.standard_normal((3 * H, H)) / np.sqrt(H)
    j_lstm, c_lstm = scaled_orthogonal(rng, 6, 2 * H)
    j_gru = rng.standard_normal((5, H, H)) * 0.4
    pub = Publisher(monitor.bootstrap, model=model)
    pub.publish("rnn.weight_hh_l0", 0, w_rnn)
    pub.publish("lstm.weight_hh_l0", 0, w_lstm, cell="lstm", jacobians=list(j_lstm), dtype="f64")
    pub.publish("gru.weight_hh_l0", 0, w_gru, cell="gru", jacobians=j_gru)
    pub.publish("gru.weight_hh_l1", 0, w_gru, cell="gru")  # no Jacobians: gates, no regime
    pub.flush()
    assert pub.delivered == 4
    h = collect(monitor.bootstrap, model, ["rnn.weight_hh_l0", "lstm.weight_hh_l0", "gru.weight_hh_l0", "gru.weight_hh_l1"])

    rnn = h["rnn.weight_hh_l0"]
    assert rnn["cell"] == "rnn_tanh" and rnn["n"] == 32 and "gates" not in rnn
    rho = float(torch.linalg.eigvals(torch.tensor(f32(w_rnn))).abs().max())
    assert rnn["rho"] == pytest.approx(rho, rel=1e-10)
    assert rnn["sigma1"] == pytest.approx(np.linalg.svd(f32(w_rnn), compute_uv=False)[0], rel=1e-10)
    assert rnn["regime"] in ("exploding", "vanishing", "stable")

    lstm = h["lstm.weight_hh_l0"]
    w = w_lstm.numpy().astype(np.float64)
    gate_rho = {g: radius(w[i * H:(i + 1) * H]) for i, g in enumerate("ifgo")}
    assert set(lstm["gates"]) == set("ifgo")
    for g in "ifgo":
        assert lstm["gates"][g]["rho"] == pytest.approx(gate_rho[g], rel=1e-10)
        assert lstm["gates"][g]["sigma1"] == pytest.approx(
            np.linalg.svd(w["ifgo".index(g) * H:("ifgo".index(g) + 1) * H], compute_uv=False)[0], rel=1e-10)
    assert lstm["rho"] == pytest.approx(max(gate_rho.values()), rel=1e-10)
    t = lstm["trajectory"]
    assert (t["k"], t["m"]) == (6, 2 * H)
    assert t["rate"] == pytest.approx(np.mean(np.log(c_lstm)), abs=1e-12)  # f64 on the wire: exact
    assert t["sigma1_mean"] == pytest.approx(np.mean(c_lstm), rel=1e-12)
    assert lstm["growth_rate"] == t["rate"]
    assert lstm["regime"] in ("exploding", "vanishing", "stable")

    gru = h["gru.weight_hh_l0"]
    j = f32(j_gru)
    prod = np.eye(H)
    for jt in j:
        prod = jt @ prod  # J_k ⋯ J_1
    assert gru["trajectory"]["rho_product"] == pytest.approx(radius(prod) ** (1 / 5), rel=1e-9)
    assert gru["trajectory"]["sigma1_mean"] == pytest.approx(np.mean([np.linalg.svd(x, compute_uv=False)[0] for x in j]), rel=1e-9)
    # the rate is (1/k) ln‖J_1ᵀ⋯J_kᵀ u‖ for a unit u: between the extreme singular values of that product
    back = np.eye(H)
    for jt in j:
        back = back @ jt.T  # J_1ᵀ J_2ᵀ ⋯ J_kᵀ
    s = np.linalg.svd(back, compute_uv=False)
    assert np.log(s[-1]) / 5 - 1e-12 <= gru["trajectory"]["rate"] <= np.log(s[0]) / 5 + 1e-12
    assert set(gru["gates"]) == {"r", "z", "n"}

    bare = h["gru.weight_hh_l1"]
    assert bare["regime"] is None and bare["growth_rate"] is None and "trajectory" not in bare
    assert bare["gates"]["n"]["rho"] == pytest.approx(radius(f32(w_gru[2 * H:])), rel=1e-10)


def test_watch_publishes_every_layer_of_a_model(monitor):
    model = f"watch-{uuid.uuid4().hex[:8]}"
    torch.manual_seed(1)
    net = torch.nn.Module()
    net.lstm = torch.nn.LSTM(3, 8, num_layers=2, bidirectional=True)
    net.rnn = torch.nn.RNN(3, 6, nonlinearity="relu")
    net.gru = torch.nn.GRU(3, 5)
    pub = Publisher(monitor.bootstrap, model=model)
    hook = watch(net, pub, every=10, jacobian_steps=4)
    x = torch.randn(20, 1, 3)
    assert hook.step(5, sample_input=x) == 0  # not a publishing step
    assert hook.step(10, sample_input=x) == 6
    assert hook.step(20) == 6  # weights only
    names = ["lstm.weight_hh_l0", "lstm.weight_hh_l0_reverse", "lstm.weight_hh_l1", "lstm.weight_hh_l1_reverse",
             "rnn.weight_hh_l0", "gru.weight_hh_l0"]
    steps = {}
    for rec in follow(monitor.bootstrap, model=model, timeout=60):
        steps.setdefault(rec["layer"], []).append(rec)
        if all(len(steps.get(n, [])) == 2 for n in names):
            break
    assert sorted(steps) == sorted(names)
    for n in names:
        first, second = steps[n]
        assert (first["step"], second["step"]) == (10, 20)
        assert first["cell"] == {"lstm": "lstm", "rnn": "rnn_relu", "gru": "gru"}[n.split(".")[0]]
        assert first["trajectory"]["k"] == 4 and "trajectory" not in second
        m = 16 if first["cell"] == "lstm" else int(first["n"])
        assert first["trajectory"]["m"] == m
        w = getattr(net, n.split(".")[0]).get_parameter(n.split(".", 1)[1]).detach().double().numpy()
        rows = w.shape[0] // w.shape[1]
        blocks = [radius(f32(w[i * w.shape[1]:(i + 1) * w.shape[1]])) for i in range(rows)]
        assert first["rho"] == pytest.approx(max(blocks), rel=1e-9)
    assert steps["rnn.weight_hh_l0"][1]["regime"] is not None, "a plain ReLU layer has a regime from its weights"
    assert steps["gru.weight_hh_l0"][1]["regime"] is None, "a gated layer without Jacobians has none"


def count_weights(bootstrap, model):
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": f"count-{uuid.uuid4()}", "auto.offset.reset": "earliest",
                  "enable.auto.commit": False})
    c.subscribe(["sf.weights"])
    n, idle = 0, 0
    try:
        while idle < 6:
            m = c.poll(0.5)
            if m is None or m.error():
                idle += 1
                continue
            idle = 0
            if json.loads(m.value()).get("model") == model:
                n += 1
    finally:
        c.close()
    return n


def test_bad_calls_raise_before_anything_is_sent(monitor):
    model = f"bad-{uuid.uuid4().hex[:8]}"
    pub = Publisher(monitor.bootstrap, model=model)
    H = 4
    with pytest.raises(ValueError, match="cell='lstm'"):
        pub.publish("lstm.weight_hh_l0", 0, np.zeros((4 * H, H)))  # an LSTM's weight without cell
    with pytest.raises(ValueError, match="4H×H"):
        pub.publish("l", 0, np.zeros((H, H)), cell="lstm")
    with pytest.raises(ValueError, match="non-finite"):
        pub.publish("l", 0, np.array([[1.0, np.nan], [0.0, 1.0]]))
    with pytest.raises(ValueError, match="8×8"):
        pub.publish("l", 0, np.zeros((4 * H, H)), cell="lstm", jacobians=np.zeros((2, H, H)))
    with pytest.raises(ValueError, match="cell must be one of"):
        pub.publish("l", 0, np.zeros((H, H)), cell="transformer")
    with pytest.raises(ValueError, match="step"):
        pub.publish("l", -1, np.zeros((H, H)))
    with pytest.raises(ValueError, match="overflow f32"):
        pub.publish("l", 0, np.full((H, H), 1e300))
    pub.publish("ok", 0, np.eye(H) * 0.5)  # the one good record
    pub.flush()
    assert pub.sent == 1 and pub.delivered == 1
    assert count_weights(monitor.bootstrap, model) == 1
    h = collect(monitor.bootstrap, model, ["ok"])
    assert h["ok"]["rho"] == pytest.approx(0.5, rel=1e-12)
    assert not [r for r in follow(monitor.bootstrap, topic="sf.dlq", timeout=3) if model in json.dumps(r)]


def test_delivery_errors_are_raised():
    pub = Publisher("127.0.0.1:1", model="nowhere", message_timeout_ms=1500)  # nothing listens on port 1
    pub.publish("l", 0, np.eye(2))
    with pytest.raises(DeliveryError):
        pub.flush(timeout=10)
