using ClientCrm.Infrastructure.Grading;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Clients;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Pages.Clients.Principals;
using ClientCrm.Web.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Clients;

/// <summary>客户登记: the enterprise card, the first principal card and the owner, checked for duplicates before save.</summary>
public sealed class CreateModel(
    CrmDbContext db,
    ICurrentActor actor,
    DuplicateClientCheck duplicates,
    IValidator<ClientInput> clientValidator,
    IValidator<PrincipalInput> principalValidator,
    IStringLocalizer<SharedResource> l,
    BusinessClock clock) : PageModel, IRefusalPage
{
    [BindProperty] public ClientInput Input { get; set; } = new();
    [BindProperty] public PrincipalInput Principal { get; set; } = new();
    [BindProperty] public string? OwnerId { get; set; }

    public IReadOnlyList<OwnerOption> Owners { get; private set; } = [];
    public IReadOnlyList<DuplicateMatch> Duplicates { get; private set; } = [];

    /// <summary>Only a same-name match may be overridden; a registration-number match always blocks.</summary>
    public bool CanConfirmDuplicate => Duplicates.MayBeConfirmed();

    /// <summary>Someone registered the same registration number between the duplicate check and the save.</summary>
    public RefusalMessage Duplicate() => new("", "Duplicate.Blocked");

    public async Task OnGetAsync()
    {
        Owners = await ClientOwners.AssignableAsync(db, actor.Scope);
        OwnerId = Owners.FirstOrDefault(o => o.Id == actor.UserId)?.Id;
        Input.CreditRating = CreditRating.Unknown;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Owners = await ClientOwners.AssignableAsync(db, actor.Scope, ct);
        (await clientValidator.ValidateAsync(Input, ct)).AddToModelState(ModelState, nameof(Input));
        (await principalValidator.ValidateAsync(Principal, ct)).AddToModelState(ModelState, nameof(Principal));
        var owner = Owners.FirstOrDefault(o => o.Id == OwnerId);
        if (owner is null)
        {
            ModelState.AddModelError(nameof(OwnerId), l["Client.OwnerInvalid"]);
        }

        // The duplicate check needs only the names, the country and the registration number: it runs whenever those are
        // usable, so a duplicate is reported together with the other fields to correct, not one submit later.
        if (DuplicateCheckPossible())
        {
            Duplicates = await duplicates.FindAsync(Input.Name!, Input.ChineseName, Input.CountryCode!, Input.RegistrationNumber, null, ct);
            if (Duplicates.Count > 0 && !(CanConfirmDuplicate && Input.ConfirmNotDuplicate))
            {
                ModelState.AddModelError(string.Empty, CanConfirmDuplicate ? l["Duplicate.ConfirmNeeded"] : l["Duplicate.Blocked"]);
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var thresholds = await db.GradingThresholdsAsync(ct);
        var client = Client.Register(Input.ToCard(), Principal.ToCard(), owner!.Id, owner.DepartmentId, thresholds, clock);
        db.Clients.Add(client);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["Client.Registered", client.Name].Value;
        return RedirectToPage("Details", new { id = client.Id });
    }

    /// <summary>The fields the duplicate check reads were given and passed their own rules.</summary>
    private bool DuplicateCheckPossible() =>
        !string.IsNullOrWhiteSpace(Input.Name) && !string.IsNullOrWhiteSpace(Input.CountryCode)
        && new[] { nameof(ClientInput.Name), nameof(ClientInput.ChineseName), nameof(ClientInput.CountryCode), nameof(ClientInput.RegistrationNumber) }
            .All(f => ModelState.GetFieldValidationState($"{nameof(Input)}.{f}") != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid);
}
