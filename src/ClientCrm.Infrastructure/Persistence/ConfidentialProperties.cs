using System.Linq.Expressions;
using ClientCrm.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ClientCrm.Infrastructure.Persistence;

/// <summary>
/// Entity configurations only mark properties as confidential or blind-indexed; <see cref="Apply"/> is the one
/// place that turns the marks into AES-GCM converters, so no property can be encrypted some other way.
/// </summary>
public static class ConfidentialProperties
{
    public const string EncryptedAnnotation = "ClientCrm:Encrypted";
    public const string RedactedAnnotation = "ClientCrm:AuditRedacted";
    public const string BlindIndexSourceAnnotation = "ClientCrm:BlindIndexSource";
    public const string BlindIndexKindAnnotation = "ClientCrm:BlindIndexKind";

    public static PropertyBuilder<T> IsConfidential<T>(this PropertyBuilder<T> property) =>
        property.HasAnnotation(EncryptedAnnotation, true);

    /// <summary>Not encrypted, but its values never go into the audit log (password hashes, stamps).</summary>
    public static PropertyBuilder<T> IsRedactedInAudit<T>(this PropertyBuilder<T> property) =>
        property.HasAnnotation(RedactedAnnotation, true);

    /// <summary>
    /// Adds a shadow column "{Property}Index" holding the HMAC of the normalised value, kept current by
    /// <see cref="Interceptors.BlindIndexInterceptor"/>, so exact search never decrypts the table.
    /// </summary>
    public static EntityTypeBuilder<T> HasBlindIndex<T>(this EntityTypeBuilder<T> entity,
        Expression<Func<T, string?>> source, BlindIndexKind kind) where T : class
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(source);
        var sourceName = ((MemberExpression)source.Body).Member.Name;
        var indexName = IndexPropertyName(sourceName);
        entity.Property<byte[]?>(indexName)
            .HasAnnotation(BlindIndexSourceAnnotation, sourceName)
            .HasAnnotation(BlindIndexKindAnnotation, (int)kind);
        entity.HasIndex(indexName);
        return entity;
    }

    public static string IndexPropertyName(string sourceProperty) => sourceProperty + "Index";

    public static bool IsEncrypted(this IReadOnlyProperty property) =>
        property.FindAnnotation(EncryptedAnnotation)?.Value is true;

    public static bool IsRedacted(this IReadOnlyProperty property) =>
        property.IsEncrypted() || property.FindAnnotation(RedactedAnnotation)?.Value is true;

    internal static void Apply(ModelBuilder modelBuilder, IFieldCipher cipher)
    {
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()))
        {
            if (property.FindAnnotation(EncryptedAnnotation)?.Value is not true)
            {
                continue;
            }

            property.SetValueConverter(ConverterFor(property.ClrType, cipher));
            property.SetColumnType("bytea");
        }
    }

    private static ValueConverter ConverterFor(Type clrType, IFieldCipher cipher)
    {
        var type = Nullable.GetUnderlyingType(clrType) ?? clrType;
        if (type == typeof(string))
        {
            return new ValueConverter<string, byte[]>(v => cipher.Encrypt(v), v => cipher.Decrypt(v));
        }

        if (type == typeof(DateOnly))
        {
            return new ValueConverter<DateOnly, byte[]>(
                v => cipher.Encrypt(v.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
                v => DateOnly.ParseExact(cipher.Decrypt(v), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (type.IsEnum)
        {
            var converterType = typeof(EncryptedEnumConverter<>).MakeGenericType(type);
            return (ValueConverter)Activator.CreateInstance(converterType, cipher)!;
        }

        if (type.IsClass)
        {
            // Whole value objects (an archived card) are stored as encrypted JSON.
            var converterType = typeof(EncryptedJsonConverter<>).MakeGenericType(type);
            return (ValueConverter)Activator.CreateInstance(converterType, cipher)!;
        }

        throw new NotSupportedException($"No encrypted mapping for {type.Name}.");
    }

    private sealed class EncryptedJsonConverter<T>(IFieldCipher cipher) : ValueConverter<T, byte[]>(
        v => cipher.Encrypt(System.Text.Json.JsonSerializer.Serialize(v, JsonOptions)),
        v => System.Text.Json.JsonSerializer.Deserialize<T>(cipher.Decrypt(v), JsonOptions)!)
        where T : class;

    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new()
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private sealed class EncryptedEnumConverter<TEnum>(IFieldCipher cipher) : ValueConverter<TEnum, byte[]>(
        v => cipher.Encrypt(v.ToString()),
        v => Enum.Parse<TEnum>(cipher.Decrypt(v)))
        where TEnum : struct, Enum;
}
