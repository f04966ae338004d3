namespace ClientCrm.Web;

/// <summary>Marker for the one resource set all UI text comes from (Resources/SharedResource*.resx).</summary>
#pragma warning disable CA1052 // Used only as a type argument for IStringLocalizer<T>.
public sealed class SharedResource;
#pragma warning restore CA1052
