using System.Security.Claims;
using ClientCrm.Domain.Grading;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Identity;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Security;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Grading;

public sealed record LeaderOption(string Id, string DisplayName);

/// <summary>Who decides grades (the signed-in user, as a <see cref="GradeDecider"/>) and who can be an A client's responsible leader.</summary>
public static class GradingPeople
{
    /// <summary>As long as the Reason columns of proposals and grade history allow.</summary>
    public const int MaxReasonLength = 2000;

    public static GradeDecider Decider(ICurrentActor actor, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(user);
        return new GradeDecider(actor.UserId ?? "", user.FindFirst(CrmClaims.DisplayName)?.Value ?? actor.UserName ?? "",
            IsLeader: actor.Scope.IsLeader, IsDepartmentHead: actor.Scope.IsDepartmentHead);
    }

    public static async Task<IReadOnlyList<LeaderOption>> LeadersAsync(CrmDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Leaders()
            .OrderBy(u => u.DisplayName)
            .Select(u => new LeaderOption(u.Id, u.DisplayName))
            .ToListAsync(ct);
    }

    /// <summary>
    /// What both grade forms (overriding a proposal, setting a grade by hand) check before the domain decides: a grade
    /// chosen, a reason given and not too long. Messages go next to the named fields.
    /// </summary>
    public static void CheckGradeAndReason(ModelStateDictionary state, IStringLocalizer l, ClientGrade? grade, string gradeField,
        string? reason, string reasonField)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(l);
        if (grade is null)
        {
            state.AddModelError(gradeField, l["Grading.OverrideGradeRequired"]);
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            state.AddModelError(reasonField, l["Grade.ReasonRequired"]);
        }
        else if (reason.Length > MaxReasonLength)
        {
            state.AddModelError(reasonField, l["Validation.MaxLength", MaxReasonLength]);
        }
    }

    public static async Task<bool> IsLeaderAsync(CrmDbContext db, string? userId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return userId is not null && await db.Leaders().AnyAsync(u => u.Id == userId, ct);
    }
}
