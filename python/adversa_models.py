"""PyTorch definitions of Adversa's built-in generators, to load what `adversa export` writes.

    import json, adversa_models
    config = json.load(open("runs/wgan-gp-shapes/config.json"))
    generator = adversa_models.generator_from_config(config)
    generator.load_state_dict(adversa_models.load_weights("generator.safetensors"))
    images = generator.eval()(adversa_models.latent(config, 16))   # 16 x C x H x W in [-1, 1]

Parameter names are Adversa's own with each part's leading underscore dropped (layers.0.weight). Each module here
mirrors its C# namesake in src/Adversa/Models layer for layer, so the names and shapes match.
Checked with Debian 12's python3-torch (PyTorch 1.13).
"""
import json
import struct
import sys
from collections import OrderedDict

import torch
from torch import nn


def _norm(kind, channels):
    if kind == "batch":
        return nn.BatchNorm2d(channels)
    if kind == "layer":
        return nn.GroupNorm(1, channels)  # layer norm over (C, H, W) with a per-channel affine map
    return nn.Identity()


class DcganGenerator(nn.Module):
    """Seed 000's 64x64 DCGAN generator: z -> 4x4 -> 8x8 -> 16x16 -> 32x32 -> 64x64, tanh."""

    def __init__(self, latent_dim, image_channels, width=128, negative_slope=0.2):
        super().__init__()
        w, s = width, negative_slope
        self.latent_dim = latent_dim
        self.layers = nn.Sequential(
            nn.ConvTranspose2d(latent_dim, 8 * w, 4, 1, 0), nn.BatchNorm2d(8 * w), nn.LeakyReLU(s),
            nn.ConvTranspose2d(8 * w, 4 * w, 4, 2, 1), nn.BatchNorm2d(4 * w), nn.LeakyReLU(s),
            nn.ConvTranspose2d(4 * w, 2 * w, 4, 2, 1), nn.BatchNorm2d(2 * w), nn.LeakyReLU(s),
            nn.ConvTranspose2d(2 * w, w, 4, 2, 1), nn.BatchNorm2d(w), nn.LeakyReLU(s),
            nn.ConvTranspose2d(w, image_channels, 4, 2, 1), nn.Tanh())

    def forward(self, z):
        return self.layers(z.view(-1, self.latent_dim, 1, 1))


class SmallDcganGenerator(nn.Module):
    """Seed 004's 28x28 generator: dense to 7x7, transposed convolutions, tanh; no biases before batch norm."""

    def __init__(self, latent_dim=20, image_channels=1, width=128, negative_slope=0.3):
        super().__init__()
        w, s = width, negative_slope
        self.width = w
        self.project = nn.Sequential(nn.Linear(latent_dim, w * 7 * 7, bias=False), nn.BatchNorm1d(w * 7 * 7), nn.LeakyReLU(s))
        self.upsample = nn.Sequential(
            nn.ConvTranspose2d(w, w, 5, 1, 2, bias=False), nn.BatchNorm2d(w), nn.LeakyReLU(s),
            nn.ConvTranspose2d(w, w // 2, 5, 2, 2, 1, bias=False), nn.BatchNorm2d(w // 2), nn.LeakyReLU(s),
            nn.ConvTranspose2d(w // 2, w // 4, 5, 2, 2, 1, bias=False), nn.BatchNorm2d(w // 4), nn.LeakyReLU(s),
            nn.ConvTranspose2d(w // 4, image_channels, 5, 1, 2, bias=False), nn.Tanh())

    def forward(self, z):
        return self.upsample(self.project(z).view(-1, self.width, 7, 7))


class FullyConnectedGenerator(nn.Module):
    """Seed 002's plain GAN generator: dense layers with LeakyReLU 0.2 and batch norm (eps 0.8), tanh."""

    def __init__(self, latent_dim=100, image_channels=1, image_size=28, width=128):
        super().__init__()
        w = width
        self.image_shape = (image_channels, image_size, image_size)
        self.layers = nn.Sequential(
            nn.Linear(latent_dim, w), nn.LeakyReLU(0.2),
            nn.Linear(w, 2 * w), nn.BatchNorm1d(2 * w, eps=0.8), nn.LeakyReLU(0.2),
            nn.Linear(2 * w, 4 * w), nn.BatchNorm1d(4 * w, eps=0.8), nn.LeakyReLU(0.2),
            nn.Linear(4 * w, 8 * w), nn.BatchNorm1d(8 * w, eps=0.8), nn.LeakyReLU(0.2),
            nn.Linear(8 * w, image_channels * image_size * image_size), nn.Tanh())

    def forward(self, z):
        return self.layers(z).view(-1, *self.image_shape)


def _same_conv(in_channels, out_channels, kernel):
    # TensorFlow's "same" for an even kernel: one pixel less before than after.
    before, after = (kernel - 1) // 2, kernel - 1 - (kernel - 1) // 2
    return nn.Sequential(OrderedDict(pad=nn.ZeroPad2d((before, after, before, after)), conv=nn.Conv2d(in_channels, out_channels, kernel)))


class ResidualBlock(nn.Module):
    """Seed 003's block: relu(shortcut(x) + conv(relu(conv(x)))); up-blocks start with a 1x1 stride-2 transposed conv."""

    def __init__(self, in_channels, out_channels, resampling="none", normalization="none"):
        super().__init__()
        if resampling == "up":
            self.upsample = nn.ConvTranspose2d(in_channels, out_channels, 1, 2, 0, 1)
            self.shortcut = nn.Identity()
            first = _same_conv(out_channels, out_channels, 4)
        else:
            self.upsample = None
            stride = 2 if resampling == "down" else 1
            self.shortcut = nn.Conv2d(in_channels, out_channels, 1, stride, 0)
            first = nn.Conv2d(in_channels, out_channels, 4, 2, 1) if stride == 2 else _same_conv(in_channels, out_channels, 4)
        self.residual = nn.Sequential(first, _norm(normalization, out_channels), nn.ReLU(),
                                      _same_conv(out_channels, out_channels, 4), _norm(normalization, out_channels))

    def forward(self, x):
        if self.upsample is not None:
            x = self.upsample(x)
        return torch.relu(self.shortcut(x) + self.residual(x))


class ResidualGenerator(nn.Module):
    """Seed 003's generator: dense to 4x4x(16w), residual blocks to 64x64, a 4x4 conv to the image (tanh optional)."""

    def __init__(self, latent_dim, image_channels=3, width=32, tanh_output=False, normalization="none"):
        super().__init__()
        w = width
        self.first_channels = 16 * w
        self.tanh_output = tanh_output
        self.project = nn.Linear(latent_dim, 4 * 4 * 16 * w)
        self.blocks = nn.Sequential(
            ResidualBlock(16 * w, 16 * w, "none", normalization), ResidualBlock(16 * w, 8 * w, "up", normalization),
            ResidualBlock(8 * w, 4 * w, "up", normalization), ResidualBlock(4 * w, 2 * w, "up", normalization),
            ResidualBlock(2 * w, w, "up", normalization))
        self.toImage = _same_conv(w, image_channels, 4)

    def forward(self, z):
        images = self.toImage(self.blocks(self.project(z).view(-1, self.first_channels, 4, 4)))
        return torch.tanh(images) if self.tanh_output else images


class SnganGeneratorBlock(nn.Module):
    """SNGAN's up-block: conv(relu(bn(conv(up(relu(bn(x))))))) + up(conv1x1(x)), up by nearest neighbours."""

    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.norm1 = nn.BatchNorm2d(in_channels)
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, 1, 1)
        self.norm2 = nn.BatchNorm2d(out_channels)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, 1, 1)
        self.shortcut = nn.Conv2d(in_channels, out_channels, 1)

    def forward(self, x):
        up = lambda t: nn.functional.interpolate(t, scale_factor=2, mode="nearest")
        h = self.conv1(up(torch.relu(self.norm1(x))))
        return self.conv2(torch.relu(self.norm2(h))) + up(self.shortcut(x))


class SnganGenerator(nn.Module):
    """SNGAN's residual generator: dense to 7x7 (28x28) or 4x4 (64x64), up-blocks halving the channels, bn, relu, conv, tanh."""

    def __init__(self, latent_dim, image_channels=1, image_size=28, width=32):
        super().__init__()
        self.first_size, blocks = {28: (7, 2), 64: (4, 4)}[image_size]
        self.first_channels = width << blocks
        self.project = nn.Linear(latent_dim, self.first_channels * self.first_size ** 2)
        self.blocks = nn.Sequential(*[SnganGeneratorBlock(width << i, width << (i - 1)) for i in range(blocks, 0, -1)])
        self.outputNorm = nn.BatchNorm2d(width)
        self.toImage = nn.Conv2d(width, image_channels, 3, 1, 1)

    def forward(self, z):
        features = self.blocks(self.project(z).view(-1, self.first_channels, self.first_size, self.first_size))
        return torch.tanh(self.toImage(torch.relu(self.outputNorm(features))))


def generator_from_config(config):
    """The generator a run's config.json (a dict) describes, with fresh weights."""
    kind, latent, channels, width = config["generator"], config["latent_dim"], config["image_channels"], config["generator_width"]
    if kind == "dcgan64":
        return DcganGenerator(latent, channels, width, config["leaky_slope"])
    if kind == "dcgan28":
        return SmallDcganGenerator(latent, channels, width, config["leaky_slope"])
    if kind == "mlp28":
        return FullyConnectedGenerator(latent, channels, 28, width)
    if kind == "residual":
        return ResidualGenerator(latent, channels, width, config["generator_tanh"], config["generator_norm"])
    if kind in ("sngan28", "sngan64"):
        return SnganGenerator(latent, channels, int(kind[-2:]), width)
    raise ValueError(f"unknown generator {kind}")


def latent(config, count, generator=None):
    """count latent vectors as the run draws them: uniform on [-1, 1] or standard normal."""
    shape = (count, config["latent_dim"])
    if config["latent_distribution"] == "uniform":
        return torch.rand(shape, generator=generator) * 2 - 1
    return torch.randn(shape, generator=generator)


_SAFETENSORS_TYPES = {"F32": torch.float32, "F64": torch.float64, "F16": torch.float16, "BF16": torch.bfloat16,
                      "I64": torch.int64, "I32": torch.int32, "I16": torch.int16, "I8": torch.int8, "U8": torch.uint8, "BOOL": torch.bool}


def load_weights(path):
    """A state dict from a .pth (torch.save) or a .safetensors file; the latter without the safetensors package,
    which Debian 12 does not ship (the format: an 8-byte little-endian header length, a JSON header, the bytes)."""
    if not path.endswith(".safetensors"):
        return torch.load(path, map_location="cpu")
    try:
        from safetensors.torch import load_file
        return load_file(path)
    except ImportError:
        pass
    with open(path, "rb") as file:
        data = file.read()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + length])
    body = data[8 + length:]
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        begin, end = entry["data_offsets"]
        dtype = _SAFETENSORS_TYPES[entry["dtype"]]
        tensor = torch.frombuffer(bytearray(body[begin:end]), dtype=dtype) if end > begin else torch.empty(0, dtype=dtype)
        tensors[name] = tensor.reshape(entry["shape"]).clone()
    return tensors


def _check(config_path, weights_path, probe_path):
    """Loads the weights into the generator config.json describes and compares its images of the probe's latent
    vectors with the probe's images (what Adversa drew). Prints the largest difference; exit code 1 above 1e-4."""
    with open(config_path) as file:
        config = json.load(file)
    generator = generator_from_config(config)
    generator.load_state_dict(load_weights(weights_path), strict=True)
    probe = load_weights(probe_path)
    with torch.no_grad():
        images = generator.eval()(probe["latent"])
    difference = (images - probe["images"]).abs().max().item()
    print(f"{type(generator).__name__}: largest difference {difference:.3g}")
    return 0 if difference <= 1e-4 else 1


if __name__ == "__main__":
    if len(sys.argv) != 5 or sys.argv[1] != "check":
        sys.exit("usage: adversa_models.py check CONFIG.json WEIGHTS PROBE.safetensors")
    torch.set_num_threads(1)
    sys.exit(_check(*sys.argv[2:]))
