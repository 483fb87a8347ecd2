# Writes channel-moments.pt, the TorchScript fixture of TorchScriptFeatureNetworkTests.
# Run with Debian's PyTorch: apt-get install python3-torch && /usr/bin/python3 make_channel_moments.py
import torch


class ChannelMoments(torch.nn.Module):
    """Features of an image given in [0, 255]: per channel, the mean and the mean square, scaled to [0, 1] (N x 6 x 1 x 1)."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        mean = x.mean(dim=(2, 3)) / 255.0
        mean_square = (x * x).mean(dim=(2, 3)) / (255.0 * 255.0)
        return torch.cat([mean, mean_square], dim=1).unsqueeze(2).unsqueeze(3)


torch.jit.script(ChannelMoments()).save("channel-moments.pt")
