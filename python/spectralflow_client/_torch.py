"""PyTorch integration: find the recurrent layers of a module, their state Jacobians, and a hook that publishes them.

The Jacobians are the analytic ones of PyTorch's cell equations, J_t = ∂s_t/∂s_{t−1} along one
input sequence with the input held fixed (s = h, or (h, c) stacked for an LSTM). Dropout between
layers is not applied (the module is read as in eval mode).
"""
import warnings

import numpy as np


def _torch():
    try:
        import torch
    except ImportError as e:  # pragma: no cover - torch is optional
        raise ImportError("watch() and state_jacobians() need PyTorch (Debian: python3-torch)") from e
    return torch


def recurrent_layers(module):
    """[(layer name, rnn module, k, suffix, cell)] for every nn.RNN/LSTM/GRU inside ``module``.

    The layer name is PyTorch's parameter name of its ``weight_hh`` (``rnn.weight_hh_l0``,
    ``rnn.weight_hh_l1_reverse``); ``cell`` is the record's ``cell``.
    """
    nn = _torch().nn
    out = []
    for name, mod in module.named_modules():
        if isinstance(mod, nn.LSTM):
            if getattr(mod, "proj_size", 0):
                warnings.warn(f"{name or 'module'}: LSTM with proj_size is not supported by the monitor; skipped")
                continue
            cell = "lstm"
        elif isinstance(mod, nn.GRU):
            cell = "gru"
        elif isinstance(mod, nn.RNN):
            cell = "rnn_relu" if mod.nonlinearity == "relu" else "rnn_tanh"
        else:
            continue
        for k in range(mod.num_layers):
            for suffix in (["", "_reverse"] if mod.bidirectional else [""]):
                param = f"weight_hh_l{k}{suffix}"
                out.append((f"{name}.{param}" if name else param, mod, k, suffix, cell))
    return out


def _params(mod, k, suffix):
    p = {}
    for kind in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
        t = getattr(mod, f"{kind}_l{k}{suffix}", None)
        p[kind] = None if t is None else t.detach().to("cpu").double()
    return p


def _step(cell, p, x, h, c):
    """One step of PyTorch's cell equations: the new (h, c) and the analytic Jacobian ∂s'/∂s."""
    torch = _torch()
    H = h.shape[0]
    pre_x = p["weight_ih"] @ x + (p["bias_ih"] if p["bias_ih"] is not None else 0)
    pre_h = p["weight_hh"] @ h + (p["bias_hh"] if p["bias_hh"] is not None else 0)
    W = p["weight_hh"]
    if cell in ("rnn_tanh", "rnn_relu"):
        pre = pre_x + pre_h
        if cell == "rnn_tanh":
            h2 = torch.tanh(pre)
            d = 1 - h2 * h2
        else:
            h2 = torch.relu(pre)
            d = (pre > 0).double()
        return h2, None, d[:, None] * W
    if cell == "gru":
        xr, xz, xn = pre_x.split(H)
        hr, hz, hn = pre_h.split(H)
        Wr, Wz, Wn = W.split(H)
        r = torch.sigmoid(xr + hr)
        z = torch.sigmoid(xz + hz)
        n = torch.tanh(xn + r * hn)
        h2 = (1 - z) * n + z * h
        dr = (r * (1 - r))[:, None] * Wr                    # ∂r/∂h
        dz = (z * (1 - z))[:, None] * Wz                    # ∂z/∂h
        dn = (1 - n * n)[:, None] * (r[:, None] * Wn + hn[:, None] * dr)  # ∂n/∂h
        J = (1 - z)[:, None] * dn + torch.diag(z) + (h - n)[:, None] * dz
        return h2, None, J
    # lstm: gates i, f, g, o
    a = pre_x + pre_h
    ai, af, ag, ao = a.split(H)
    Wi, Wf, Wg, Wo = W.split(H)
    i, f, g, o = torch.sigmoid(ai), torch.sigmoid(af), torch.tanh(ag), torch.sigmoid(ao)
    c2 = f * c + i * g
    tc = torch.tanh(c2)
    h2 = o * tc
    dc_dh = (c * f * (1 - f))[:, None] * Wf + (g * i * (1 - i))[:, None] * Wi + (i * (1 - g * g))[:, None] * Wg
    dc_dc = torch.diag(f)
    dh_dh = (tc * o * (1 - o))[:, None] * Wo + (o * (1 - tc * tc))[:, None] * dc_dh
    dh_dc = torch.diag(o * (1 - tc * tc) * f)
    J = torch.cat([torch.cat([dh_dh, dh_dc], 1), torch.cat([dc_dh, dc_dc], 1)], 0)
    return h2, c2, J


def _sequence(mod, sample_input):
    """The sample input as a (T, features) float64 tensor: the first sequence of a batch (batch_first
    respected), or an unbatched (T, features) sequence."""
    torch = _torch()
    x = torch.as_tensor(sample_input).detach().to("cpu").double()
    if x.dim() == 3:
        x = x[0] if mod.batch_first else x[:, 0]
    if x.dim() != 2:
        raise ValueError("sample_input must be (T, batch, features), (batch, T, features) with batch_first, or (T, features); "
                         f"got shape {tuple(x.shape)}")
    return x


def _run(mod, sample_input):
    """Every layer's per-step Jacobians along the sample input: {(k, suffix): [J_1 … J_T]} and the outputs."""
    torch = _torch()
    cell = "lstm" if isinstance(mod, torch.nn.LSTM) else "gru" if isinstance(mod, torch.nn.GRU) else (
        "rnn_relu" if mod.nonlinearity == "relu" else "rnn_tanh")
    x = _sequence(mod, sample_input)
    jac = {}
    with torch.no_grad():
        for k in range(mod.num_layers):
            outs = []
            for suffix in (["", "_reverse"] if mod.bidirectional else [""]):
                p = _params(mod, k, suffix)
                H = p["weight_hh"].shape[1]
                h = torch.zeros(H, dtype=torch.float64)
                c = torch.zeros(H, dtype=torch.float64)
                seq = range(x.shape[0] - 1, -1, -1) if suffix else range(x.shape[0])
                ys = [None] * x.shape[0]
                js = []
                for t in seq:
                    h, c2, J = _step(cell, p, x[t], h, c)
                    if c2 is not None:
                        c = c2
                    ys[t] = h
                    js.append(J)
                jac[(k, suffix)] = js
                outs.append(torch.stack(ys))
            x = torch.cat(outs, 1)
    return jac, x


def state_jacobians(module, sample_input, k=8):
    """{layer name: k×m×m NumPy array}: the last k consecutive state Jacobians of each recurrent layer.

    ``sample_input`` is one input sequence for the module's recurrent layers (of a batch, the first
    sequence is used). Each recurrent module inside ``module`` is fed the same sample; one whose
    input size differs (e.g. a decoder on an encoder's outputs) gets no Jacobians, with a warning.
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    out = {}
    done = {}
    for name, mod, layer, suffix, cell in recurrent_layers(module):
        if id(mod) not in done:
            x = _sequence(mod, sample_input)
            if x.shape[1] != mod.input_size:  # e.g. a decoder fed another module's outputs: weights only
                warnings.warn(f"{name}: sample_input has {x.shape[1]} features, the layer takes {mod.input_size}; "
                              "no Jacobians for it")
                done[id(mod)] = None
            else:
                done[id(mod)] = _run(mod, sample_input)[0]
        if done[id(mod)] is not None:
            out[name] = np.stack([j.numpy() for j in done[id(mod)][(layer, suffix)][-k:]])
    return out


class Hook:
    """What ``watch`` returns: call ``step(step, sample_input=None)`` once per training step."""

    def __init__(self, module, publisher, every=100, horizon=100, jacobian_steps=8, dtype="f32"):
        if every < 1:
            raise ValueError(f"every must be at least 1, got {every}")
        self.module = module
        self.publisher = publisher
        self.every = every
        self.horizon = horizon
        self.jacobian_steps = jacobian_steps
        self.dtype = dtype
        self.layers = recurrent_layers(module)
        if not self.layers:
            raise ValueError("the module holds no nn.RNN, nn.LSTM or nn.GRU layer")

    def step(self, step, sample_input=None):
        """Publish every layer's weight_hh when ``step % every == 0`` (with Jacobians given a sample input).

        Returns the number of records published (0 on other steps). Waits for the broker's
        acknowledgement, so a delivery failure raises here, at the step that caused it.
        """
        if step % self.every != 0:
            return 0
        jac = state_jacobians(self.module, sample_input, self.jacobian_steps) if sample_input is not None else {}
        for name, mod, k, suffix, cell in self.layers:
            w = getattr(mod, f"weight_hh_l{k}{suffix}")
            self.publisher.publish(name, step, w, cell=cell, horizon=self.horizon, jacobians=jac.get(name),
                                   dtype=self.dtype)
        self.publisher.flush()
        return len(self.layers)


def watch(module, publisher, every=100, horizon=100, jacobian_steps=8, dtype="f32"):
    """A Hook publishing every nn.RNN / nn.LSTM / nn.GRU layer inside ``module`` every ``every`` steps."""
    return Hook(module, publisher, every=every, horizon=horizon, jacobian_steps=jacobian_steps, dtype=dtype)
