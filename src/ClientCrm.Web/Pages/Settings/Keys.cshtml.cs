using ClientCrm.Domain.Common;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Infrastructure.Security;
using ClientCrm.Infrastructure.Security.Rotation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Settings;

/// <summary>
/// 密钥: the leaders' view of the encryption keys (ids only, never key material) and of the latest rotation of each kind,
/// with "rotate now" for the encryption key and the blind-index key, and the retirement of a key no value uses any more.
/// The progress is what the rotation job wrote after its last batch: two small rows per kind, nothing counted per view.
/// </summary>
public sealed class KeysModel(CrmDbContext db, KeyRing ring, KeyRotationRunner runner, ICurrentActor actor,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public KeyRing Ring => ring;

    public KeyRotation? Encryption { get; private set; }

    public KeyRotation? BlindIndex { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Encryption = await LatestAsync(KeyRotationKind.Encryption, ct);
        BlindIndex = await LatestAsync(KeyRotationKind.BlindIndex, ct);
    }

    public Task<IActionResult> OnPostRotateAsync(CancellationToken ct) => StartAsync(KeyRotationKind.Encryption, ct);

    public Task<IActionResult> OnPostRotateBlindIndexAsync(CancellationToken ct) => StartAsync(KeyRotationKind.BlindIndex, ct);

    public async Task<IActionResult> OnPostRetireAsync(string keyId, CancellationToken ct)
    {
        try
        {
            await runner.RetireAsync(keyId, ct);
            TempData["Flash"] = l["Keys.Retired", keyId].Value;
        }
        catch (DomainException ex)
        {
            // Stays a catch: the buttons have no field, and a redirect keeps a reload from posting again.
            TempData["FlashError"] = l[ex.Code].Value;
        }

        return RedirectToPage();
    }

    private async Task<IActionResult> StartAsync(KeyRotationKind kind, CancellationToken ct)
    {
        try
        {
            var rotation = await runner.StartAsync(kind, actor.UserName ?? "?", ct);
            await KeyRotationJob.TriggerNowAsync(HttpContext.RequestServices, ct);
            TempData["Flash"] = l["Keys.Started", rotation.TargetKeyId].Value;
        }
        catch (DomainException ex)
        {
            TempData["FlashError"] = l[ex.Code].Value;
        }

        return RedirectToPage();
    }

    private Task<KeyRotation?> LatestAsync(KeyRotationKind kind, CancellationToken ct) =>
        db.KeyRotations.AsNoTracking().Where(r => r.Kind == kind).OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
}
