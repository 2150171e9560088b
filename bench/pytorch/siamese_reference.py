#!/usr/bin/env python3
"""The Siamese network of Siamese.Model, written in PyTorch, timed exactly as bench/Siamese.Bench times its own.

Same layers (the original's rules, ModelOptions' defaults: natural-log ECA kernels, Keras 'same' stride-2 padding),
same initialisation, same loss and optimiser as src/Siamese.Model (the TensorFlow original's
conventions: BatchNorm eps 1e-3 / momentum 0.01, LeakyReLU 0.2, Glorot-uniform kernels, Adam eps 1e-7, BCE with
logits and label smoothing 0.01). Inputs are uint8 pair images turned into float batches each step, as
PairDataset does. The protocol (warm-up steps, at least --min-steps timed steps and --min-seconds per measurement)
is the C# harness's, so the two can be put side by side; it is started by `Siamese.Bench torch`, one
process per round, and prints one JSON object. Inference and latency are timed in float32 and in bfloat16 under CPU
autocast (PyTorch's own way to run a float32 model in bfloat16).
"""
import argparse
import json
import math
import time

import torch
from torch import nn
import torch.nn.functional as F

BASE_CHANNELS = [64, 128, 256, 512]


def scale(channels, width):
    return max(1, int(round(channels * width)))


def batch_norm(channels):
    return nn.BatchNorm2d(channels, eps=1e-3, momentum=0.01)


class EcaBlock(nn.Module):
    """The original's kernel rule: natural logarithm (ModelOptions' default, EcaKernelRule.NaturalLog)."""

    def __init__(self, channels):
        super().__init__()
        self.kernel = max(1, int(abs((math.log(channels) + 1) / 2)))
        self.pad_left = (self.kernel - 1) // 2
        self.pad_right = self.kernel - 1 - self.pad_left
        self.conv = nn.Conv1d(1, 1, self.kernel, padding=0, bias=False)

    def forward(self, x):
        b, c = x.shape[0], x.shape[1]
        a = F.pad(F.adaptive_avg_pool2d(x, 1).view(b, 1, c), (self.pad_left, self.pad_right))
        a = torch.sigmoid(self.conv(a)).view(b, c, 1, 1)
        return x * a


def keras_same_split(size, kernel, stride):
    """TensorFlow's padding='same' before and after one side: the odd pixel goes after (DownsamplePadding.KerasSame)."""
    output = (size + stride - 1) // stride
    total = max((output - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2


class ResidualBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.stride = stride
        self.conv1 = nn.Conv2d(cin, cout, 3, stride=stride, padding=0 if stride > 1 else 1)
        self.bn1 = batch_norm(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, stride=1, padding=1)
        self.bn2 = batch_norm(cout)
        self.downsample = nn.Conv2d(cin, cout, 1, stride=stride) if stride > 1 or cin != cout else None

    def forward(self, x):
        padded = x
        if self.stride > 1:
            top, bottom = keras_same_split(x.shape[2], 3, self.stride)
            left, right = keras_same_split(x.shape[3], 3, self.stride)
            padded = F.pad(x, (left, right, top, bottom))
        y = self.bn2(self.conv2(F.leaky_relu(self.bn1(self.conv1(padded)), 0.2)))
        shortcut = self.downsample(x) if self.downsample is not None else x
        return F.relu(y + shortcut)


class AttentionResNet(nn.Module):
    def __init__(self, in_channels, width, blocks):
        super().__init__()
        ch = [scale(c, width) for c in BASE_CHANNELS]
        self.conv1 = nn.Conv2d(in_channels, ch[0], 3, stride=1, padding=1)
        self.bn1 = batch_norm(ch[0])
        self.maxpool = nn.MaxPool2d(3, stride=1, padding=1)
        stages, ecas, cin = [], [], ch[0]
        for i, cout in enumerate(ch):
            stride = 1 if i == 0 else 2
            layers = [ResidualBlock(cin, cout, stride)] + [ResidualBlock(cout, cout, 1) for _ in range(blocks[i] - 1)]
            stages.append(nn.Sequential(*layers))
            ecas.append(EcaBlock(cout))
            cin = cout
        self.stages = nn.ModuleList(stages)
        self.ecas = nn.ModuleList(ecas)
        self.fc = nn.Linear(ch[3], scale(512, width))

    def forward(self, x):
        x = self.maxpool(F.leaky_relu(self.bn1(self.conv1(x)), 0.2))
        for stage, eca in zip(self.stages, self.ecas):
            x = eca(stage(x))
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))


class SiameseNetwork(nn.Module):
    def __init__(self, in_channels=3, image_size=32, width=1.0, blocks=(2, 2, 2, 2)):
        super().__init__()
        self.image_size = image_size
        self.backbone = AttentionResNet(in_channels, width, blocks)
        self.fc1 = nn.Linear(scale(512, width), scale(512, width))
        self.fc2 = nn.Linear(scale(512, width), 1)
        with torch.no_grad():
            for name, p in self.named_parameters():
                if p.dim() > 1:
                    nn.init.xavier_uniform_(p)
                elif name.endswith("bias"):
                    nn.init.zeros_(p)

    def embed(self, images):
        return self.backbone(images)

    def head_logits(self, first, second):
        return self.fc2(F.relu(self.fc1((first - second).abs()))).squeeze(-1)

    def logits(self, pairs):
        s = self.image_size
        return self.head_logits(self.embed(pairs.narrow(2, 0, s)), self.embed(pairs.narrow(2, s, s)))


def flops_per_image(network, channels, size):
    """Multiply-adds x 2 of every convolution and linear layer for one image through one branch."""
    total = 0

    def count(module, inputs, output):
        nonlocal total
        if isinstance(module, (nn.Conv2d, nn.Conv1d)):
            kernel = math.prod(module.kernel_size) * module.in_channels // module.groups
            total += 2 * kernel * output[0].numel()
        elif isinstance(module, nn.Linear):
            total += 2 * module.in_features * module.out_features

    hooks = [m.register_forward_hook(count) for m in network.backbone.modules()]
    network.eval()
    with torch.no_grad():
        network.embed(torch.zeros(1, channels, size, size))
    for h in hooks:
        h.remove()
    return total


def timed(step, warmup, min_steps, min_seconds, items_per_step):
    for _ in range(warmup):
        step()
    steps, start = 0, time.perf_counter()
    while steps < min_steps or time.perf_counter() - start < min_seconds:
        step()
        steps += 1
    elapsed = time.perf_counter() - start
    return {"steps": steps, "seconds": elapsed, "per_second": steps * items_per_step / elapsed}


def resident_megabytes():
    with open("/proc/self/status") as status:
        line = next(l for l in status if l.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


def rss_run(net, optimizer, smoothing, a):
    """Trains a.rss_steps steps on random uint8 pairs (a new batch each step) and samples RSS."""
    batch, c, s = int(a.batch_sizes.split(",")[0]), a.channels, a.image_size
    samples = []
    net.train()
    for step in range(1, a.rss_steps + 1):
        x = torch.randint(0, 256, (batch, c, 2 * s, s), dtype=torch.uint8).float().div_(255)
        labels = torch.randint(0, 2, (batch,)).float()
        loss = F.binary_cross_entropy_with_logits(net.logits(x), labels * (1 - smoothing) + smoothing / 2)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        loss.item()
        if step % a.rss_every == 0:
            samples.append([step, resident_megabytes()])
    return samples


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, required=True)
    p.add_argument("--width", type=float, default=1.0)
    p.add_argument("--channels", type=int, default=3)
    p.add_argument("--image-size", type=int, default=32)
    p.add_argument("--batch-sizes", default="1,32,128")
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--min-steps", type=int, default=3)
    p.add_argument("--min-seconds", type=float, default=10.0)
    p.add_argument("--latency-pairs", type=int, default=50)
    p.add_argument("--rss-steps", type=int, default=0, help="instead of timing: train this many steps and report RSS")
    p.add_argument("--rss-every", type=int, default=200)
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    c, s = a.channels, a.image_size
    net = SiameseNetwork(c, s, a.width)
    params = sum(p.numel() for p in net.parameters() if p.requires_grad)
    flops = flops_per_image(net, c, s)
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-4, betas=(0.9, 0.999), eps=1e-7)
    smoothing = 0.01

    if a.rss_steps:
        print(json.dumps({"rss_mb": rss_run(net, optimizer, smoothing, a)}))
        return

    results = []
    for batch in [int(b) for b in a.batch_sizes.split(",")]:
        pairs = torch.randint(0, 256, (batch, c, 2 * s, s), dtype=torch.uint8)
        labels = (torch.arange(batch) % 2).float()
        images = torch.randint(0, 256, (batch, c, s, s), dtype=torch.uint8)

        def train_step():
            x = pairs.float().div_(255)
            targets = labels * (1 - smoothing) + smoothing / 2
            loss = F.binary_cross_entropy_with_logits(net.logits(x), targets)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            loss.item()

        def infer_step():
            with torch.inference_mode():
                net.embed(images.float().div_(255)).sum().item()

        def infer_bf16_step():
            with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16):
                net.embed(images.float().div_(255)).float().sum().item()

        loads = []
        for i in range(25):
            start = time.perf_counter()
            pairs.float().div_(255)
            labels.clone()
            if i >= 5:
                loads.append((time.perf_counter() - start) * 1000)
        loads.sort()

        net.train()
        train = timed(train_step, a.warmup, a.min_steps, a.min_seconds, batch)
        net.eval()
        infer = timed(infer_step, a.warmup, a.min_steps, a.min_seconds, batch)
        infer_bf16 = timed(infer_bf16_step, a.warmup, a.min_steps, a.min_seconds, batch)
        results.append({"batch": batch, "train_pairs_per_second": train["per_second"], "train_steps": train["steps"],
                        "infer_images_per_second": infer["per_second"], "infer_steps": infer["steps"],
                        "infer_bf16_images_per_second": infer_bf16["per_second"], "load_ms": loads[len(loads) // 2]})

    net.eval()
    pair = torch.randint(0, 256, (2, c, s, s), dtype=torch.uint8)

    def latency_p50(bf16):
        latencies = []
        for i in range(a.latency_pairs + 5):
            start = time.perf_counter()
            with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
                e = net.embed(pair.float().div_(255)).float()
                torch.sigmoid(net.head_logits(e[0:1], e[1:2])).item()
            if i >= 5:
                latencies.append((time.perf_counter() - start) * 1000)
        latencies.sort()
        return latencies[len(latencies) // 2]

    print(json.dumps({
        "implementation": f"PyTorch {torch.__version__}",
        "threads": torch.get_num_threads(),
        "parameters": params,
        "flops_per_image": flops,
        "results": results,
        "latency_ms_p50": latency_p50(False),
        "latency_bf16_ms_p50": latency_p50(True),
    }))


if __name__ == "__main__":
    main()
