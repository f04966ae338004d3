using System.ComponentModel.DataAnnotations;
using ClientCrm.Domain.Dossier;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.AccessRequests;

/// <summary>What the access request pages post: the request as filed, and a leader's decision. Named as the domain names them.</summary>
public sealed class AccessRequestInput
{
    /// <summary>The client, as the existence check handed it over (<see cref="AccessRequestTokens"/>): never its id in the clear.</summary>
    public string? Token { get; set; }

    [Display(Name = "AccessRequests.NamedAs")] public string? NamedAs { get; set; }
    [Display(Name = "AccessRequests.Purpose")] public string? Purpose { get; set; }
    [Display(Name = "AccessRequests.DaysWanted")] public int? DaysWanted { get; set; }
    [Display(Name = "AccessRequests.DaysGranted")] public int? DaysGranted { get; set; }
    [Display(Name = "AccessRequests.DecisionComment")] public string? DecisionComment { get; set; }
    [Display(Name = "AccessRequests.RevokeReason")] public string? RevokeReason { get; set; }

    public uint Version { get; set; }
}

/// <summary>Lengths and ranges, checked before the domain sees them; the period's upper bound is the leaders' setting, the domain's check.</summary>
public sealed class AccessRequestInputValidator : AbstractValidator<AccessRequestInput>
{
    public AccessRequestInputValidator(IStringLocalizer<SharedResource> l)
    {
        ArgumentNullException.ThrowIfNull(l);
        foreach (var text in new System.Linq.Expressions.Expression<Func<AccessRequestInput, string?>>[] { i => i.Purpose, i => i.DecisionComment, i => i.RevokeReason })
        {
            RuleFor(text).MaximumLength(AccessRequest.MaxTextLength).WithMessage(_ => l["Validation.MaxLength", AccessRequest.MaxTextLength]);
        }

        RuleFor(i => i.NamedAs).MaximumLength(AccessRequest.MaxNameLength).WithMessage(_ => l["Validation.MaxLength", AccessRequest.MaxNameLength]);
        RuleFor(i => i.DaysWanted).InclusiveBetween(1, AccessRequest.LongestDays).WithMessage(_ => l["AccessRequests.DaysOutOfRange"]);
        RuleFor(i => i.DaysGranted).InclusiveBetween(1, AccessRequest.LongestDays).WithMessage(_ => l["AccessRequests.DaysOutOfRange"]);
    }
}
