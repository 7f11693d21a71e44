using System.Globalization;

namespace Longan.Appraisal.Benchmarks.Votes;

/// <summary>The portal's process on this machine (Linux): found by the port it listens on, its memory and CPU time read from /proc.</summary>
internal sealed class PortalProcess(int pid)
{
    public int Pid => pid;

    /// <summary>The given process, else the one listening on <paramref name="port"/>; null when none of ours is.</summary>
    public static PortalProcess? Find(int? pid, int port) => (pid ?? FindByPort(port)) is { } found ? new PortalProcess(found) : null;

    private static int? FindByPort(int port)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" }.Where(File.Exists))
        {
            foreach (var columns in File.ReadLines(table).Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            {
                // local_address is ADDRESS:PORT in hex; state 0A is LISTEN; column 9 the socket's inode.
                if (columns.Length > 9 && columns[3] == "0A" && int.Parse(columns[1].Split(':')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port)
                {
                    inodes.Add($"socket:[{columns[9]}]");
                }
            }
        }
        foreach (var process in Directory.EnumerateDirectories("/proc").Where(d => Path.GetFileName(d).All(char.IsAsciiDigit)))
        {
            try
            {
                if (Directory.EnumerateFiles(Path.Combine(process, "fd")).Any(fd => new FileInfo(fd).LinkTarget is { } target && inodes.Contains(target)))
                {
                    return int.Parse(Path.GetFileName(process), CultureInfo.InvariantCulture);
                }
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
            {
                // Another user's process, or one that just ended.
            }
        }
        return null;
    }

    /// <summary>CPU time the process has used (user and system), or null when it cannot be read.</summary>
    public TimeSpan? CpuTime()
    {
        try
        {
            // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 12th and 13th, in clock ticks (100 a second on Linux).
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromMilliseconds(ticks * 10);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Resident set size in MiB (VmRSS), or null when the process cannot be read.</summary>
    public double? ResidentMiB()
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
