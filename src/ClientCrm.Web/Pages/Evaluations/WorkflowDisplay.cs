using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Evaluations;

/// <summary>How workflow pages say a duration: how long a step took, how long an item has waited.</summary>
public static class WorkflowDisplay
{
    /// <summary>"2 天 3 小时" / "2 d 3 h"; under an hour, in minutes.</summary>
    public static string Took(IStringLocalizer l, TimeSpan took)
    {
        ArgumentNullException.ThrowIfNull(l);
        if (took < TimeSpan.FromHours(1))
        {
            return l["Workflow.TookMinutes", Math.Max(0, (int)took.TotalMinutes)];
        }

        return took.Days > 0 ? l["Workflow.TookDays", took.Days, took.Hours] : l["Workflow.TookHours", took.Hours];
    }
}
