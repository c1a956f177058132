"""Times the DelGrad authors' training (JulianGoeltz/fastAndDeep, src/ of a
checkout) on the configuration closest to DelayLab's yinyang-h30-ws preset:
Yin-Yang 4 -> synaptic delays -> 30 -> synaptic delays -> 3, tau_m = 2 tau_s,
threshold 1, shift-invariant MSE (delta_t 0.2), Adam (lr 0.01 weights,
0.003 delays), batch 150, weights N(1, 1), delay parameters N(0, 0.25) through
a sigmoid in (0, 1), weight bumping 5e-4 at 30 % missing hidden spikes.

One thread (torch.set_num_threads(1)). Each batch runs the body of their
training loop (training.run_epochs): forward, check_bump_weights, loss,
backward, optimizer step, delays_rectify, write_weights - without the live
accuracy plot it draws every 100 batches. Prints training samples/s.

Usage: python3 scripts/bench-authors.py AUTHORS_SRC TRAIN.csv [SECONDS]
AUTHORS_SRC: src/ of a checkout of github.com/JulianGoeltz/fastAndDeep, kept
outside this repository (none of their code is part of DelayLab); needs
Debian's python3-torch, python3-numba, python3-yaml, python3-torchvision.
TRAIN.csv: x,y,label (delaylab data -data yinyang:train).
"""
import contextlib
import io
import sys
import time

import numpy as np
import torch

# Their modules import matplotlib for plots this driver never draws; a
# stand-in lets them load where matplotlib is not installed.
import types  # noqa: E402
for name in ("matplotlib", "matplotlib.pyplot"):
    sys.modules.setdefault(name, types.ModuleType(name))
sys.modules["matplotlib"].pyplot = sys.modules["matplotlib.pyplot"]
sys.modules["matplotlib"].use = lambda *a, **k: None

sys.path.insert(0, sys.argv[1])
import networks  # noqa: E402  (their modules)
import training  # noqa: E402
import utils  # noqa: E402

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)
seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 10.0

pts = np.loadtxt(sys.argv[2], delimiter=",", skiprows=1)
x, y, lab = pts[:, 0], pts[:, 1], pts[:, 2].astype(np.int64)
feat = np.stack([x, y, 1 - x, 1 - y], axis=1)
times = torch.tensor(0.15 + feat * (2.0 - 0.15))
labels = torch.tensor(lab)

neuron = dict(tau_syn=1.0, tau_mem=2.0, g_leak=0.5, leak=0.0, threshold=1.0)
delay = lambda lr: dict(name="DelaySynaptic", positivity=dict(name="sigmoid", shift=0.0, scale=1.0),
                        delay_mean=0.0, delay_std=0.25, learning_rate=lr)
layout = dict(n_inputs=4, layers=[
    delay(0.003),
    dict(name="NeuronLayer", size=30, weights_mean=1.0, weights_std=1.0, max_num_missing_spikes=0.3, learning_rate=0.01),
    delay(0.003),
    dict(name="NeuronLayer", size=3, weights_mean=1.0, weights_std=1.0, max_num_missing_spikes=0.0, learning_rate=0.01),
])
tp = dict(substrate="sim", clip_weights_max=False, use_forward_integrator=False, rounding_precision=False,
          max_dw_norm=False, weight_bumping_value=5e-4, weight_bumping_exp=True, weight_bumping_targeted=True,
          loss=dict(type="shift_invariant_MSE", delta_t=0.2), learning_rate=0.01, batch_size=150)
neuron["max_dw_norm"] = None
torch.manual_seed(1)
net = networks.get_network(neuron, layout, tp, torch.device("cpu"))
criterion = utils.GetLoss(tp, 3, neuron["tau_syn"], torch.device("cpu"))
optimizer = torch.optim.Adam([{"params": l.parameters(), "lr": l.lr if l.lr is not None else 0.01}
                              for l in net.layers], lr=0.01)

B = tp["batch_size"]
bump_val, last = tp["weight_bumping_value"], -2
bumps = [0]  # batches whose optimiser step weight bumping replaced


def batch(j):
    global bump_val, last
    idx = torch.randint(len(times), (B,))
    inp, lbl = times[idx], labels[idx]
    optimizer.zero_grad()
    label_times, hidden_times = net(inp)
    criterion.select_classes(label_times)
    with contextlib.redirect_stdout(io.StringIO()):  # their bump message
        last, bump_val = training.check_bump_weights(net, hidden_times, label_times, tp, 0, j, bump_val, last)
    if last != -2:
        bumps[0] += 1
    else:
        loss = criterion(label_times, lbl, net)
        loss.backward()
        optimizer.step()
        net.delays_rectify()
    net.write_weights()


for j in range(5):  # warm up
    batch(j)
bumps[0] = 0
n, j, start = 0, 0, time.perf_counter()
while time.perf_counter() - start < seconds:
    batch(j)
    n += B
    j += 1
el = time.perf_counter() - start
print(f"authors_train_samples_per_s {n / el:.0f} samples/s ({n} samples in {el:.2f} s, {bumps[0]} of {j} batches bumped)")
