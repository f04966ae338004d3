using System.Diagnostics;
using System.Globalization;

namespace ClientCrm.Benchmarks;

/// <summary>
/// CPU seconds spent by this process and by the benchmark's PostgreSQL cluster (the postmaster and its children, from
/// /proc), and the WAL written, between two snapshots. Unlike wall time these hardly move when other work shares the
/// cores, so a run measured on a busy machine can still be compared with one on a quiet machine. Linux only; elsewhere
/// the PostgreSQL figure is 0.
/// </summary>
public sealed record CpuSnapshot(TimeSpan Process, double PostgresSeconds, long WalBytes, long Allocated, int Gen0, int Gen1, int Gen2, TimeSpan GcPause)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public static async Task<CpuSnapshot> TakeAsync(BenchmarkData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        long wal;
        await using (var connection = await data.OpenAsync())
        await using (var command = new Npgsql.NpgsqlCommand("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint", connection))
        {
            wal = (long)(await command.ExecuteScalarAsync())!;
        }

        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return new CpuSnapshot(self.TotalProcessorTime, PostgresTicks(data.PostmasterPidFile) / TicksPerSecond, wal,
            GC.GetTotalAllocatedBytes(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
    }

    public string Since(CpuSnapshot start)
    {
        ArgumentNullException.ThrowIfNull(start);
        return string.Create(CultureInfo.InvariantCulture,
            $"CPU .NET {(Process - start.Process).TotalSeconds:0.00} s, PostgreSQL {PostgresSeconds - start.PostgresSeconds:0.00} s; WAL {(WalBytes - start.WalBytes) / 1048576.0:0} MB; .NET allocated {(Allocated - start.Allocated) / 1048576.0:0} MB, GCs {Gen0 - start.Gen0}/{Gen1 - start.Gen1}/{Gen2 - start.Gen2}, GC pauses {(GcPause - start.GcPause).TotalSeconds:0.00} s");
    }

    // The postmaster's own and reaped children's time (parallel workers come and go), plus every live child's.
    internal static long PostgresTicks(string pidFile)
    {
        if (!File.Exists(pidFile) || !Directory.Exists("/proc"))
        {
            return 0;
        }

        int postmaster;
        using (var stream = new FileStream(pidFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        using (var reader = new StreamReader(stream))
        {
            postmaster = int.Parse(reader.ReadLine()!.Trim(), CultureInfo.InvariantCulture);
        }

        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // Fields after the command name in parentheses: state(3) ppid(4) … utime(14) stime(15) cutime(16) cstime(17).
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ppid = int.Parse(fields[1], CultureInfo.InvariantCulture);
                if (pid == postmaster)
                {
                    ticks += Enumerable.Range(11, 4).Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture));
                }
                else if (ppid == postmaster)
                {
                    ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to read.
            }
        }

        return ticks;
    }
}

/// <summary>
/// The machine's CPU counters from the first line of /proc/stat. On a virtual machine "steal" is time the host gave the
/// guest's cores to someone else: a run with much of it measured a slower machine, not a slower app.
/// </summary>
public readonly record struct MachineCpu(long Busy, long Steal, long Total)
{
    public static MachineCpu Read()
    {
        if (!File.Exists("/proc/stat"))
        {
            return default;
        }

        // cpu user nice system idle iowait irq softirq steal guest guest_nice (guest time is already in user).
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Take(8).Sum();
        return new MachineCpu(total - fields[3] - fields[4] - fields[7], fields[7], total);
    }

    /// <summary>Steal as a percentage of all cores' time since <paramref name="start"/>; null where /proc/stat is missing.</summary>
    public double? StealPercentSince(MachineCpu start) =>
        Total > start.Total ? 100.0 * (Steal - start.Steal) / (Total - start.Total) : null;

    /// <summary>Cores busy (any process, this guest) on average since <paramref name="start"/>.</summary>
    public double CoresBusySince(MachineCpu start, int cores) =>
        Total > start.Total ? cores * (double)(Busy - start.Busy) / (Total - start.Total) : 0;
}
