using ClientCrm.Domain.Common;

namespace ClientCrm.Domain.Accountability;

/// <summary>
/// A penalty a report may propose for a person concerned (通报批评, 警告, 记过…): the list is the leaders' to keep, so a
/// department proposes from what the company punishes with, never a free text. A penalty no longer used is made inactive,
/// not deleted: the reports that proposed it still name it.
/// </summary>
public class AccountabilityPenalty : IAuditable
{
    public const int MaxNameLength = 100;

    private AccountabilityPenalty() { }

    public static AccountabilityPenalty Create(string? chineseName, string? englishName, int sortOrder, DateTimeOffset now)
    {
        var penalty = new AccountabilityPenalty { SortOrder = sortOrder, IsActive = true };
        penalty.Rename(chineseName, englishName, now);
        return penalty;
    }

    public int Id { get; private set; }

    /// <summary>The name in Chinese, as the report and the print read it.</summary>
    public string ChineseName { get; private set; } = "";

    public string EnglishName { get; private set; } = "";

    /// <summary>Lighter penalties first, as the list offers them.</summary>
    public int SortOrder { get; private set; }

    public bool IsActive { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint Version { get; private set; }

    public string NameIn(bool chinese) => chinese ? ChineseName : EnglishName;

    public void Rename(string? chineseName, string? englishName, DateTimeOffset now)
    {
        ChineseName = Name(chineseName, nameof(ChineseName));
        EnglishName = Name(englishName, nameof(EnglishName));
        UpdatedAt = now;
    }

    public void SetActive(bool active, DateTimeOffset now)
    {
        IsActive = active;
        UpdatedAt = now;
    }

    private static string Name(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new DomainException("Penalties.NameRequired", "Give the penalty's name.", field);
        }

        var trimmed = value.Trim();
        return trimmed.Length <= MaxNameLength ? trimmed : throw new DomainException("Penalties.NameTooLong", "The name is too long.", field);
    }
}
