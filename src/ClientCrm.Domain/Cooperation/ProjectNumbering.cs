using ClientCrm.Domain.Common;

namespace ClientCrm.Domain.Cooperation;

/// <summary>
/// The numbers projects are initiated (立项) with: <c>LX-2026-0001</c>, one run per year without gaps. One row per year holds
/// the last number given; two reviews passing at once both change it, so the row version makes the second save a
/// conflict (tried again) instead of a duplicate number.
/// </summary>
public class ProjectNumberCounter
{
    public const string Prefix = "LX";

    private ProjectNumberCounter() { }

    public int Year { get; private set; }

    /// <summary>The last number given this year; 0 before the first.</summary>
    public int Last { get; private set; }

    public uint Version { get; private set; }

    public static ProjectNumberCounter For(int year) =>
        year is < 2000 or > 9999 ? throw new ArgumentOutOfRangeException(nameof(year)) : new() { Year = year };

    /// <summary>The next number of the year, e.g. <c>LX-2026-0007</c>.</summary>
    public string Next()
    {
        Last++;
        return Format(Year, Last);
    }

    public static string Format(int year, int number) => $"{Prefix}-{year}-{number:0000}";
}

public static class CooperationProjectInitiation
{
    /// <summary>The refusal of a contracted status for a project not initiated: it names the missing review.</summary>
    public static DomainException NotInitiated(ProjectStatus status) =>
        new("Project.NotInitiated", $"A project must pass its contract review (立项) before it can be {status}.", "Status");
}
