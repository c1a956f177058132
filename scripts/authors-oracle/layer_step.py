"""One chip-layer forward and backward pass through the DelGrad authors' own
code (JulianGoeltz/fastAndDeep, src/utils.py: NeuronFunctionEventbased), for
delgrad's TestAuthorsOracle to compare with DelayLab's backward pass under
the authors' conventions.

Usage: python3 layer_step.py AUTHORS_SRC SEED OUT.json

AUTHORS_SRC is the src/ folder of a checkout of their repository (not part
of DelayLab). The case: 40 samples of 4 features in [0, 1] coded as spike
times 0.15 + v·1.85, each feature repeated 5 times in place (their
Multiplex layer), 20 → 30 neurons with τm = τs = 1, nominal threshold 2.6
plus a fixed per-neuron offset N(0.13, 0.08²) (their fixed-pattern noise;
the per-batch noise is off so that both sides see the same thresholds),
weights N(1.0, 0.12²) on the 1/30 grid, and a random upstream error per
(sample, neuron). It writes the inputs, weights, offsets and errors, and
their spike times and gradients without and with max_dw_norm = 0.2.
"""
import json
import sys

import numpy as np
import torch

sys.path.insert(0, sys.argv[1])
import utils  # noqa: E402  (their module)

torch.set_default_dtype(torch.float64)
rng = np.random.default_rng(int(sys.argv[2]))
B, N, M = 40, 20, 30
times = 0.15 + rng.uniform(0, 1, size=(B, 4)) * (2.0 - 0.15)
inputs = np.repeat(times, 5, axis=1)
weights = np.round(rng.normal(1.0, 0.12, size=(N, M)) * 30) / 30
offsets = 0.13 + 0.08 * rng.normal(size=M)
errors = rng.normal(size=(B, M))
out = dict(inputs=inputs.tolist(), weights=weights.tolist(), offsets=offsets.tolist(), errors=errors.tolist())
for name, cap in [("nocap", None), ("cap", 0.2)]:
    params = dict(tau_syn=1.0, tau_mem=1.0, g_leak=1.0, leak=0.0, threshold=2.6, max_dw_norm=cap,
                  threshold_noise_s2s_std=0.0, threshold_noise_b2b_std=0.0, model_tau_ratio=1.0,
                  threshold_noise_fp=torch.tensor(offsets))
    x = torch.tensor(inputs).unsqueeze(2).repeat(1, 1, M).requires_grad_(True)
    w = torch.tensor(weights).requires_grad_(True)
    T = utils.NeuronFunctionEventbased.apply(x, w, params, {}, torch.device("cpu"))
    e = torch.tensor(errors)
    e[torch.isinf(T)] = 0.0
    T.backward(e)
    spikes = T.detach().numpy()
    out[name] = dict(
        spikes=np.where(np.isinf(spikes), -1.0, spikes).tolist(),  # -1: silent
        dw=w.grad.numpy().tolist(),
        dinput=x.grad.numpy().sum(axis=2).tolist(),
    )
json.dump(out, open(sys.argv[3], "w"))
