using System.ComponentModel.DataAnnotations;
using ClientCrm.Domain.Access;
using ClientCrm.Domain.Auditing;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Identity;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Admin.Users;

/// <summary>
/// One account: its profile (display name, email, role, department) and what an admin does to its access —
/// disable/enable, reset lockout, set a new password. Each action is its own POST handler and form.
/// </summary>
public sealed class EditModel(
    UserManager<CrmUser> users,
    SignInManager<CrmUser> signIn,
    CrmDbContext db,
    ICurrentActor actor,
    IValidator<UserInput> validator,
    IValidator<EditModel.PasswordResetInput> resetValidator,
    IStringLocalizer<SharedResource> l,
    TimeProvider clock) : PageModel
{
    /// <summary>
    /// Never reached, yet an ordinary timestamp: DateTimeOffset.MaxValue would be stored as PostgreSQL 'infinity'
    /// by Npgsql's default conversions, which other readers of the table need not expect.
    /// </summary>
    internal static readonly DateTimeOffset DisabledLockoutEnd = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [BindProperty] public UserInput Input { get; set; } = new();

    /// <summary>Identity's optimistic-concurrency token as the form was loaded, so two admins cannot overwrite each other.</summary>
    [BindProperty] public string? ConcurrencyStamp { get; set; }

    [BindProperty] public PasswordResetInput Reset { get; set; } = new();

    public string Id { get; private set; } = "";
    public string UserName { get; private set; } = "";
    public UserState State { get; private set; }
    public DateTimeOffset? LockoutEnd { get; private set; }
    public int AccessFailedCount { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public bool IsSelf { get; private set; }
    public IReadOnlyList<DepartmentOption> Departments { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        await ShowAsync(user, withProfile: true, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        await ShowAsync(user, withProfile: false, ct);
        var currentRole = await RoleOfAsync(user);
        (await validator.ValidateAsync(Input, ct)).AddToModelState(ModelState, nameof(Input));
        if (IsSelf && currentRole == Roles.Admin && Input.Role != Roles.Admin)
        {
            // Otherwise the last admin could lock everyone out of user management by accident.
            ModelState.AddModelError($"{nameof(Input)}.{nameof(UserInput.Role)}", l["User.CannotDemoteSelf"]);
        }

        if (user.DepartmentId != Input.DepartmentId && user.DepartmentId is not null)
        {
            // A client's department follows its owner; moving an owner alone would leave their clients with the old
            // department's head. The admin sees only the count (no client data), hence the explicit scope bypass.
            var owned = await db.Clients.IgnoreQueryFilters().CountAsync(c => c.OwnerId == user.Id, ct);
            if (owned > 0)
            {
                ModelState.AddModelError($"{nameof(Input)}.{nameof(UserInput.DepartmentId)}", l["User.OwnsClients", owned]);
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var roleChanged = !string.Equals(currentRole, Input.Role, StringComparison.Ordinal);
        var departmentChanged = user.DepartmentId != Input.DepartmentId;
        // Both values: Identity's store re-attaches the user (which may accept current values as original) before
        // comparing the stamp in the UPDATE's WHERE clause.
        user.ConcurrencyStamp = ConcurrencyStamp;
        db.Entry(user).Property(u => u.ConcurrencyStamp).OriginalValue = ConcurrencyStamp;
        user.DisplayName = Input.DisplayName!.Trim();
        user.Email = Input.EmailOrNull;
        user.DepartmentId = Input.DepartmentId;

        // Profile, role and stamp are separate Identity saves; they succeed or fail together.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var saved = await users.UpdateAsync(user);
        if (!saved.Succeeded)
        {
            saved.AddTo(ModelState, l, emailKey: $"{nameof(Input)}.{nameof(UserInput.Email)}");
            // The form keeps what the admin typed; the fresh token lets them save it over the other change deliberately.
            ConcurrencyStamp = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.ConcurrencyStamp).FirstAsync(ct);
            ModelState.Remove(nameof(ConcurrencyStamp));
            return Page();
        }

        if (roleChanged)
        {
            Check(await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user)));
            UserAudit.RecordRole(db, clock, user, currentRole, Input.Role!, AuditAction.Updated);
            Check(await users.AddToRoleAsync(user, Input.Role!));
        }

        if (roleChanged || departmentChanged)
        {
            // Role and department travel in the sign-in cookie: a new stamp ends the sessions that carry the old ones.
            Check(await users.UpdateSecurityStampAsync(user));
        }

        await transaction.CommitAsync(ct);
        if (IsSelf && (roleChanged || departmentChanged))
        {
            await signIn.RefreshSignInAsync(user);
        }

        TempData["Flash"] = l["User.Saved", user.UserName!].Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostDisableAsync(string id, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        if (user.Id == actor.UserId)
        {
            return await RefuseAsync(user, l["User.CannotDisableSelf"], ct);
        }

        user.IsDisabled = true;
        user.LockoutEnd = DisabledLockoutEnd;
        // One save carries the flag, the lockout and a new stamp (one audit entry); the new stamp ends open sessions.
        var result = await users.UpdateSecurityStampAsync(user);
        return await DoneAsync(user, result, "User.DisabledDone", ct);
    }

    public async Task<IActionResult> OnPostEnableAsync(string id, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        user.IsDisabled = false;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        return await DoneAsync(user, await users.UpdateAsync(user), "User.EnabledDone", ct);
    }

    public async Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        if (user.IsDisabled)
        {
            // The lockout of a disabled account is part of disabling it; only "enable" lifts it.
            return await RefuseAsync(user, l["User.UnlockDisabled"], ct);
        }

        // Same effect as SetLockoutEndDateAsync(null) + ResetAccessFailedCountAsync, in one save and one audit entry,
        // and without SetLockoutEndDateAsync's refusal for accounts whose lockout flag is off.
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        return await DoneAsync(user, await users.UpdateAsync(user), "User.UnlockedDone", ct);
    }

    public async Task<IActionResult> OnPostResetPasswordAsync(string id, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        (await resetValidator.ValidateAsync(Reset, ct)).AddToModelState(ModelState, nameof(Reset));
        if (!ModelState.IsValid)
        {
            await ShowAsync(user, withProfile: true, ct);
            return Page();
        }

        // The reset token route validates the new password before touching the hash and renews the stamp in the
        // same save; Remove+AddPassword would leave the account without a password if the new one is refused.
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, Reset.NewPassword!);
        if (!result.Succeeded)
        {
            result.AddTo(ModelState, l, passwordKey: $"{nameof(Reset)}.{nameof(PasswordResetInput.NewPassword)}");
            await db.Entry(user).ReloadAsync(ct);
            await ShowAsync(user, withProfile: true, ct);
            return Page();
        }

        if (user.Id == actor.UserId)
        {
            await signIn.RefreshSignInAsync(user);
        }

        TempData["Flash"] = l["User.PasswordResetDone", user.UserName!].Value;
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> DoneAsync(CrmUser user, IdentityResult result, string flashKey, CancellationToken ct)
    {
        if (!result.Succeeded)
        {
            result.AddTo(ModelState, l);
            await db.Entry(user).ReloadAsync(ct);
            await ShowAsync(user, withProfile: true, ct);
            return Page();
        }

        TempData["Flash"] = l[flashKey, user.UserName!].Value;
        return RedirectToPage(new { id = user.Id });
    }

    private async Task<IActionResult> RefuseAsync(CrmUser user, string message, CancellationToken ct)
    {
        ModelState.AddModelError(string.Empty, message);
        await ShowAsync(user, withProfile: true, ct);
        return Page();
    }

    private async Task ShowAsync(CrmUser user, bool withProfile, CancellationToken ct)
    {
        Id = user.Id;
        UserName = user.UserName ?? "";
        State = IndexModel.StateOf(user.IsDisabled, user.LockoutEnd, clock.GetUtcNow());
        LockoutEnd = user.LockoutEnd;
        AccessFailedCount = user.AccessFailedCount;
        CreatedAt = user.CreatedAt;
        IsSelf = user.Id == actor.UserId;
        Departments = await UserForm.DepartmentsAsync(db, ct);
        if (withProfile)
        {
            Input = new UserInput
            {
                DisplayName = user.DisplayName,
                Email = user.Email,
                Role = await RoleOfAsync(user),
                DepartmentId = user.DepartmentId,
            };
            ConcurrencyStamp = user.ConcurrencyStamp;
        }
    }

    private async Task<string?> RoleOfAsync(CrmUser user) =>
        (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).FirstOrDefault();

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            // Role and stamp updates fail only if the data is broken (missing role row); not something to show in the form.
            throw new InvalidOperationException("Identity refused a role or stamp update: " + string.Join("; ", result.Errors.Select(e => e.Code)));
        }
    }

    public sealed class PasswordResetInput
    {
        [Display(Name = "User.NewPassword")]
        [DataType(DataType.Password)]
        public string? NewPassword { get; set; }
    }

    public sealed class PasswordResetInputValidator : AbstractValidator<PasswordResetInput>
    {
        public PasswordResetInputValidator()
        {
            RuleFor(x => x.NewPassword).NotEmpty().MaximumLength(256);
        }
    }
}
