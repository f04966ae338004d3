namespace ClientCrm.Domain.Warnings;

/// <summary>
/// One figure behind a warning: a stable name (translated by the UI) and its value written invariantly ("3", "2026-05-01",
/// "42.5"). A warning's evidence is the list of the figures that fired it, compared as a whole to see if it changed.
/// </summary>
public sealed record WarningFigure(string Name, string Value);

public static class WarningEvidence
{
    public static bool Same(IReadOnlyList<WarningFigure> a, IReadOnlyList<WarningFigure> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.SequenceEqual(b);
    }
}
