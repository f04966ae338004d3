using ClientCrm.Infrastructure.Security.Rotation;

namespace ClientCrm.Web.Setup;

/// <summary>
/// <c>dotnet run --project src/ClientCrm.Web -- rotate-keys [--blind-index] [--resume]</c> (in a container:
/// <c>docker compose run --rm app rotate-keys</c>): makes a new key current (or a new blind-index key) in the key file and
/// re-encrypts (re-indexes) everything in the foreground, printing the progress; the app instances that run meanwhile
/// keep serving and reload the key file by themselves. <c>--resume</c> only finishes what is open (after a cut-off run).
/// Ctrl+C stops after the batch in hand; running it again resumes.
/// </summary>
internal static class RotateKeysCommand
{
    public const string Name = "rotate-keys";

    /// <summary>Runs the command when <paramref name="args"/> asks for it; false when they do not (the app starts as usual).</summary>
    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0] != Name)
        {
            return false;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        var runner = app.Services.GetRequiredService<KeyRotationRunner>();
        if (!args.Contains("--resume"))
        {
            var kind = args.Contains("--blind-index") ? KeyRotationKind.BlindIndex : KeyRotationKind.Encryption;
            var rotation = await runner.StartAsync(kind, "rotate-keys (" + Environment.UserName + ")", stop.Token);
            // A key id or a fingerprint, never key material.
            Console.WriteLine($"Rotation {rotation.Id} ({kind}) started: new key {rotation.TargetKeyId}. " +
                              $"Re-encrypting after {runner.ReloadGrace.TotalSeconds:0} s, when every instance has reloaded the key file.");
        }

        try
        {
            while (!await runner.RunAsync(stop.Token))
            {
                await Task.Delay(TimeSpan.FromSeconds(5), stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine("Stopped; run `rotate-keys --resume` to finish.");
            return true;
        }

        Console.WriteLine("Done: every value is on the active key. Progress and history: /Settings/Keys.");
        return true;
    }
}
