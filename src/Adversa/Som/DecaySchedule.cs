using Adversa.Runtime;

namespace Adversa.Som;

/// <summary>
/// A value (learning rate or neighbourhood width) as a function of the epoch t = 1, 2, ... of a phase
/// lasting T epochs: exponential v0 exp(-t / tau) (seed 000), linear from v0 to the final value,
/// inverse v0 / (1 + t / (T / 2)) (MiniSom's asymptotic decay), constant, or any function.
/// </summary>
public sealed class DecaySchedule
{
    private readonly Func<long, long, double> _valueAt;

    private DecaySchedule(string name, Func<long, long, double> valueAt)
    {
        Name = name;
        _valueAt = valueAt;
    }

    /// <summary>How it was made (for metrics and the saved map).</summary>
    public string Name { get; }

    /// <summary>The value at epoch <paramref name="t"/> (1-based) of a phase of <paramref name="epochs"/> epochs.</summary>
    public double At(long t, long epochs) => _valueAt(t, epochs);

    /// <summary>v0 exp(-t / tau).</summary>
    public static DecaySchedule Exponential(double initial, double tau) =>
        tau > 0 ? new($"exponential({initial}, tau {tau})", (t, _) => initial * Math.Exp(-t / tau))
                : throw new InvalidInputException("tau", tau.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be positive");

    /// <summary>From v0 at t = 0 linearly to <paramref name="final"/> at t = T.</summary>
    public static DecaySchedule Linear(double initial, double final) =>
        new($"linear({initial} to {final})", (t, epochs) => initial + (final - initial) * Math.Min(1.0, t / (double)Math.Max(1, epochs)));

    /// <summary>v0 / (1 + t / (T / 2)).</summary>
    public static DecaySchedule Inverse(double initial) =>
        new($"inverse({initial})", (t, epochs) => initial / (1 + t / (Math.Max(1, epochs) / 2.0)));

    /// <summary>The same value throughout (the seed's convergence phase).</summary>
    public static DecaySchedule Constant(double value) => new($"constant({value})", (_, _) => value);

    /// <summary>Any function of (t, T).</summary>
    public static DecaySchedule Custom(string name, Func<long, long, double> valueAt) => new(name, valueAt);

    /// <summary>The schedule of <paramref name="kind"/> from <paramref name="initial"/> (to <paramref name="final"/>, or with time constant <paramref name="tau"/>).</summary>
    public static DecaySchedule Of(DecayKind kind, double initial, double final, double tau) => kind switch
    {
        DecayKind.Exponential => Exponential(initial, tau),
        DecayKind.Linear => Linear(initial, final),
        DecayKind.Inverse => Inverse(initial),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
