namespace Adversa.Bench;

/// <summary>The processor a figure was measured on (/proc/cpuinfo), to be reported with every figure.</summary>
public static class Processor
{
    /// <summary>"vendor, model name" (e.g. "AuthenticAMD, AMD EPYC"), or what the runtime knows elsewhere.</summary>
    public static string Describe()
    {
        const string cpuinfo = "/proc/cpuinfo";
        if (!File.Exists(cpuinfo))
            return System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString();
        var lines = File.ReadLines(cpuinfo).TakeWhile(l => l.Length > 0).ToList();
        string Field(string name) => lines.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        return $"{Field("vendor_id")}, {Field("model name")} (family {Field("cpu family")}, model {Field("model")})";
    }
}
