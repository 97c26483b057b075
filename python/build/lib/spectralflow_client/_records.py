"""The sf.weights record, built and checked on the client so that a bad call fails here, not in sf.dlq."""
import base64
import json

import numpy as np

#: gate blocks stacked in each cell's weight_hh (PyTorch's order), and its state size per hidden unit
CELLS = {
    "rnn_tanh": {"gates": (), "state": 1},
    "rnn_relu": {"gates": (), "state": 1},
    "linear": {"gates": (), "state": 1},
    "lstm": {"gates": ("i", "f", "g", "o"), "state": 2},
    "gru": {"gates": ("r", "z", "n"), "state": 1},
}
MAX_NAME = 256  # the monitor's limit on model and layer names
MAX_N = 4096    # the monitor's default --max-n; rows·n and k·m² are bounded by MAX_N²


class DeliveryError(Exception):
    """A record the broker did not acknowledge (or that could not be queued)."""


def layer_key(model, layer):
    """The Kafka key of a layer's records: model and layer with '%' and '/' percent-encoded, joined by '/'."""
    def esc(s):
        return s.replace("%", "%25").replace("/", "%2F")
    return esc(model) + "/" + esc(layer)


def as_array(x, what):
    """A float64 NumPy copy of a NumPy array or a torch tensor (any device, detached)."""
    if hasattr(x, "detach"):  # a torch tensor, without importing torch
        x = x.detach().to("cpu").double().numpy()
    a = np.array(x, dtype=np.float64, copy=True)
    if a.dtype.kind not in "fiu":
        raise TypeError(f"{what} must hold real numbers, got dtype {a.dtype}")
    return a


def _b64(a, dtype):
    with np.errstate(over="ignore"):  # an overflow is reported below, in words
        wire = np.ascontiguousarray(a, dtype="<f4" if dtype == "f32" else "<f8")
    if not np.all(np.isfinite(wire)):
        raise ValueError(f"entries overflow {dtype} (largest |entry| {np.max(np.abs(a)):.3g}); publish with dtype='f64'")
    return base64.b64encode(wire.tobytes()).decode("ascii")


def _finite(a, what):
    bad = np.argwhere(~np.isfinite(a))
    if bad.size:
        idx = tuple(int(i) for i in bad[0])
        raise ValueError(f"{what} has a non-finite entry {a[idx]} at {idx}; entries must be finite")


def _name(s, what):
    if not isinstance(s, str) or not s or len(s) > MAX_NAME or any(ord(c) < 32 for c in s):
        raise ValueError(f"{what} must be a non-empty string of at most {MAX_NAME} printable characters, got {s!r:.80}")


def _shape_hint(shape, cell):
    r, c = shape
    if r == 4 * c and cell != "lstm":
        return f" ({r}×{c} is an LSTM's weight_hh: pass cell='lstm')"
    if r == 3 * c and cell != "gru":
        return f" ({r}×{c} is a GRU's weight_hh: pass cell='gru')"
    return ""


def encode_weights(model, layer, step, weight, cell="rnn_tanh", horizon=100, jacobians=None, dtype="f32"):
    """(key, value) bytes of one sf.weights record; raises ValueError/TypeError on any bad argument."""
    _name(model, "model")
    _name(layer, "layer")
    if isinstance(step, bool) or not isinstance(step, (int, np.integer)) or step < 0:
        raise ValueError(f"step must be a non-negative integer, got {step!r}")
    if cell not in CELLS:
        raise ValueError(f"cell must be one of {', '.join(CELLS)}, got {cell!r}")
    if dtype not in ("f32", "f64"):
        raise ValueError(f"dtype must be 'f32' or 'f64', got {dtype!r}")
    if isinstance(horizon, bool) or not isinstance(horizon, (int, np.integer)) or not 1 <= horizon <= 1_000_000:
        raise ValueError(f"horizon must be an integer from 1 to 1000000, got {horizon!r}")
    w = as_array(weight, "weight")
    gates = len(CELLS[cell]["gates"]) or 1
    if w.ndim != 2 or w.shape[0] != gates * w.shape[1]:
        want = "H×H" if gates == 1 else f"{gates}H×H"
        raise ValueError(f"a {cell} weight_hh must be {want}, got shape {tuple(w.shape)}"
                         + (_shape_hint(w.shape, cell) if w.ndim == 2 else ""))
    n = int(w.shape[1])
    if n > MAX_N or w.size > MAX_N * MAX_N:
        raise ValueError(f"hidden size {n} with {w.size} entries is above the monitor's default limit (n ≤ {MAX_N}, "
                         f"entries ≤ {MAX_N}²)")
    _finite(w, "weight")
    rec = {"v": 1, "model": model, "layer": layer, "step": int(step), "n": n, "cell": cell, "dtype": dtype,
           "data_b64": _b64(w, dtype), "horizon": int(horizon)}
    if gates > 1:
        rec["rows"] = int(w.shape[0])
    if jacobians is not None:
        m = CELLS[cell]["state"] * n
        if isinstance(jacobians, (list, tuple)):
            if not jacobians:
                raise ValueError("jacobians must hold at least one Jacobian")
            js = [as_array(j, "jacobian") for j in jacobians]
            if any(j.shape != (m, m) for j in js):
                bad = next(j.shape for j in js if j.shape != (m, m))
                raise ValueError(f"each state Jacobian of a {cell} layer of hidden size {n} is {m}×{m}"
                                 f"{' ((h, c) stacked)' if cell == 'lstm' else ''}, got shape {bad}")
            j = np.stack(js)
        else:
            j = as_array(jacobians, "jacobians")
            if j.ndim == 2:
                j = j[None]
            if j.ndim != 3 or j.shape[1:] != (m, m) or j.shape[0] < 1:
                raise ValueError(f"jacobians of a {cell} layer of hidden size {n} must be k×{m}×{m}"
                                 f"{' ((h, c) stacked)' if cell == 'lstm' else ''}, got shape {tuple(j.shape)}")
        if j.size > MAX_N * MAX_N or j.shape[0] * m ** 3 > 2 ** 36:
            raise ValueError(f"{j.shape[0]} Jacobians of {m}×{m} are above the monitor's limits")
        _finite(j, "jacobians")
        rec["m"] = m
        rec["jacobians_b64"] = _b64(j, dtype)
    return layer_key(model, layer).encode("utf-8"), json.dumps(rec, separators=(",", ":")).encode("utf-8")
