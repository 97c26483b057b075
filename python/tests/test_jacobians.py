"""The client's analytic state Jacobians against torch.autograd on PyTorch's own cells (no broker needed)."""
import numpy as np
import pytest
import torch

from spectralflow_client import recurrent_layers, state_jacobians


def torch_cell(mod, k, suffix):
    """PyTorch's own single-step cell with the layer's weights: an implementation independent of the client's."""
    cls = {torch.nn.LSTM: torch.nn.LSTMCell, torch.nn.GRU: torch.nn.GRUCell}.get(type(mod))
    kw = {} if cls else {"nonlinearity": mod.nonlinearity}
    cls = cls or torch.nn.RNNCell
    w_ih = getattr(mod, f"weight_ih_l{k}{suffix}")
    cell = cls(w_ih.shape[1], mod.hidden_size, bias=mod.bias, **kw).double()
    with torch.no_grad():
        for kind in ("weight_ih", "weight_hh") + (("bias_ih", "bias_hh") if mod.bias else ()):
            getattr(cell, kind).copy_(getattr(mod, f"{kind}_l{k}{suffix}"))
    return cell


def autograd_jacobians(mod, x):
    """{(k, suffix): [J_t]} by torch.autograd.functional.jacobian of each step of torch's cells, and the output."""
    out = {}
    inp = x
    for k in range(mod.num_layers):
        outs = []
        for suffix in (["", "_reverse"] if mod.bidirectional else [""]):
            cell = torch_cell(mod, k, suffix)
            H = mod.hidden_size
            lstm = isinstance(mod, torch.nn.LSTM)
            s = torch.zeros(2 * H if lstm else H, dtype=torch.float64)
            order = range(inp.shape[0] - 1, -1, -1) if suffix else range(inp.shape[0])
            ys, js = [None] * inp.shape[0], []
            for t in order:
                xt = inp[t:t + 1]

                def f(state):
                    if lstm:
                        h, c = cell(xt, (state[:H][None], state[H:][None]))
                        return torch.cat([h[0], c[0]])
                    return cell(xt, state[None])[0]
                js.append(torch.autograd.functional.jacobian(f, s))
                s = f(s).detach()
                ys[t] = s[:H]
            out[(k, suffix)] = js
            outs.append(torch.stack(ys))
        inp = torch.cat(outs, 1)
    return out, inp


@pytest.mark.parametrize("make", [
    lambda: torch.nn.RNN(3, 6, num_layers=2, nonlinearity="tanh"),
    lambda: torch.nn.RNN(3, 6, nonlinearity="relu", bidirectional=True),
    lambda: torch.nn.GRU(3, 5, num_layers=2, bidirectional=True),
    lambda: torch.nn.LSTM(3, 4, num_layers=2, bidirectional=True),
    lambda: torch.nn.LSTM(3, 4, bias=False),
    lambda: torch.nn.GRU(2, 7, batch_first=True),
], ids=["rnn_tanh_2layer", "rnn_relu_bidir", "gru_bidir_2layer", "lstm_bidir_2layer", "lstm_nobias", "gru_batch_first"])
def test_analytic_jacobians_match_autograd(make):
    torch.manual_seed(0)
    mod = make().double()
    T = 9
    x = torch.randn(T, mod.input_size, dtype=torch.float64)
    sample = x[None] if mod.batch_first else x[:, None]
    ours = state_jacobians(mod, sample, k=T)
    ref, ref_out = autograd_jacobians(mod, x)
    with torch.no_grad():
        torch_out = mod(sample)[0]
    torch_out = torch_out[0] if mod.batch_first else torch_out[:, 0]
    assert torch.allclose(ref_out, torch_out, atol=1e-12), "the reference replays the module itself"
    for name, _, k, suffix, _ in recurrent_layers(mod):
        J = ours[name]
        assert J.shape[0] == T
        for t in range(T):
            np.testing.assert_allclose(J[t], ref[(k, suffix)][t].numpy(), rtol=1e-10, atol=1e-12,
                                       err_msg=f"{name} step {t}")


def test_last_k_jacobians_and_layer_names():
    mod = torch.nn.Sequential()
    mod.add_module("enc", torch.nn.LSTM(2, 3, num_layers=2))
    mod.add_module("dec", torch.nn.RNN(2, 4, nonlinearity="relu", bidirectional=True))
    names = [(n, c) for n, _, _, _, c in recurrent_layers(mod)]
    assert names == [("enc.weight_hh_l0", "lstm"), ("enc.weight_hh_l1", "lstm"),
                     ("dec.weight_hh_l0", "rnn_relu"), ("dec.weight_hh_l0_reverse", "rnn_relu")]
    x = torch.randn(12, 1, 2)
    all_j = state_jacobians(mod, x, k=12)
    last = state_jacobians(mod, x, k=5)
    for n in all_j:
        np.testing.assert_array_equal(last[n], all_j[n][-5:])
    assert last["enc.weight_hh_l1"].shape == (5, 6, 6)  # (h, c) stacked


def test_a_batch_uses_its_first_sequence_and_bad_shapes_raise():
    mod = torch.nn.GRU(2, 3)
    x = torch.randn(5, 4, 2)
    np.testing.assert_array_equal(state_jacobians(mod, x, k=3)["weight_hh_l0"], state_jacobians(mod, x[:, :1], k=3)["weight_hh_l0"])
    with pytest.raises(ValueError, match="sample_input must be"):
        state_jacobians(mod, torch.randn(2, 5, 2, 1))
    enc_dec = torch.nn.Module()
    enc_dec.enc = torch.nn.GRU(2, 3)
    enc_dec.dec = torch.nn.GRU(3, 3)
    with pytest.warns(UserWarning, match="no Jacobians"):
        j = state_jacobians(enc_dec, torch.randn(6, 1, 2), k=2)
    assert set(j) == {"enc.weight_hh_l0"}
