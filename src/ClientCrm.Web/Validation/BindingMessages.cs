using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Validation;

/// <summary>
/// ASP.NET Core's own messages in the user's language and in the product's words. Model binding writes them when a
/// posted value cannot be read as the field's type ("The value 'abc' is not valid for 连续合作年数.") or a field that
/// must have a value is posted empty ("The value '' is invalid."); the form helpers put the same kind of text into the
/// data-val-* attributes of number and required fields. Each message says what the field needs (a number, a date, a
/// choice from the list) and stands next to the field, so it does not repeat the field's name.
/// </summary>
internal sealed class BindingMessages : IBindingMetadataProvider
{
    public const string RequiredKey = "Validation.Binding.Required";
    private readonly DefaultModelBindingMessageProvider _number;
    private readonly DefaultModelBindingMessageProvider _date;
    private readonly DefaultModelBindingMessageProvider _choice;
    private readonly DefaultModelBindingMessageProvider _other;

    private BindingMessages(IStringLocalizer l)
    {
        _number = Build(l, "Validation.Binding.Number");
        _date = Build(l, "Validation.Binding.Date");
        _choice = Build(l, "Validation.Binding.Choice");
        _other = Build(l, "Validation.Binding.Invalid");
    }

    /// <summary>
    /// The messages for every field, and no implicit "required" for non-nullable reference types: the validators say
    /// which fields are required, in the product's words (the sign-in page showed "The 用户名 field is required.").
    /// </summary>
    public static void Configure(MvcOptions options, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(options);
        var messages = new BindingMessages(l);
        Apply(options.ModelBindingMessageProvider, l, "Validation.Binding.Invalid");
        options.ModelMetadataDetailsProviders.Add(messages);
        options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
    }

    /// <summary>Per field: the messages of its kind of value.</summary>
    public void CreateBindingMetadata(BindingMetadataProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var type = Nullable.GetUnderlyingType(context.Key.ModelType) ?? context.Key.ModelType;
        context.BindingMetadata.ModelBindingMessageProvider = type switch
        {
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) || type == typeof(uint)
                   || type == typeof(ulong) || type == typeof(ushort) || type == typeof(sbyte) || type == typeof(decimal)
                   || type == typeof(double) || type == typeof(float) => _number,
            _ when type == typeof(DateOnly) || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(TimeOnly) => _date,
            _ when type.IsEnum || type == typeof(Guid) || type == typeof(bool) => _choice,
            _ => _other,
        };
    }

    private static DefaultModelBindingMessageProvider Build(IStringLocalizer l, string invalidKey)
    {
        var provider = new DefaultModelBindingMessageProvider();
        Apply(provider, l, invalidKey);
        return provider;
    }

    private static void Apply(DefaultModelBindingMessageProvider p, IStringLocalizer l, string invalidKey)
    {
        string Invalid() => l[invalidKey];
        string Required() => l[RequiredKey];
        string Number() => l["Validation.Binding.Number"];
        p.SetAttemptedValueIsInvalidAccessor((_, _) => Invalid());
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => Invalid());
        p.SetUnknownValueIsInvalidAccessor(_ => Invalid());
        p.SetNonPropertyUnknownValueIsInvalidAccessor(Invalid);
        p.SetValueIsInvalidAccessor(_ => Invalid());
        p.SetValueMustBeANumberAccessor(_ => Number());
        p.SetNonPropertyValueMustBeANumberAccessor(Number);
        p.SetValueMustNotBeNullAccessor(_ => Required());
        p.SetMissingBindRequiredValueAccessor(_ => Required());
        p.SetMissingKeyOrValueAccessor(Required);
        p.SetMissingRequestBodyRequiredValueAccessor(Required);
    }
}

/// <summary>
/// A non-nullable value type (a row version, a flag) is required by nature, and the form helpers then write the
/// framework's English "The … field is required." into its data-val-required attribute: this gives that implicit rule
/// the product's message. (An explicit [Required] on such fields would instead make every request that omits one
/// invalid, since the framework validates a missing required value.)
/// </summary>
internal sealed class ImplicitRequiredMessages(IStringLocalizer l) : IClientModelValidatorProvider
{
    public void CreateValidators(ClientValidatorProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var item in context.Results)
        {
            if (item.Validator is RequiredAttributeAdapter { Attribute.ErrorMessage: null })
            {
                item.Validator = new RequiredAttributeAdapter(new RequiredAttribute { ErrorMessage = BindingMessages.RequiredKey }, l);
            }
        }
    }
}
