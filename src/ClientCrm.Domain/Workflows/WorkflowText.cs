using ClientCrm.Domain.Common;

namespace ClientCrm.Domain.Workflows;

/// <summary>
/// The texts a workflow item records (a complaint's content, a report's causes, an evaluation's sections): trimmed, and
/// refused with the item's own codes when a required one is blank or any is longer than its column.
/// </summary>
public static class WorkflowText
{
    public static string Required(string? value, int max, string missingCode, string tooLongCode, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new DomainException(missingCode, "A required text is missing.", field);
        }

        var trimmed = value.Trim();
        return trimmed.Length <= max ? trimmed : throw new DomainException(tooLongCode, "The text is too long.", field);
    }

    /// <summary>The trimmed text, or null when blank.</summary>
    public static string? Optional(string? value, int max, string tooLongCode, string field) =>
        string.IsNullOrWhiteSpace(value) ? null
        : value.Trim().Length <= max ? value.Trim()
        : throw new DomainException(tooLongCode, "The text is too long.", field);
}
