using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Validation;

/// <summary>
/// Every date a page binds (filters and form fields alike) lies between <see cref="Earliest"/> and <see cref="Latest"/>:
/// outside them no date of this business exists, and the edges of the calendar break date arithmetic (9999-12-31 plus a
/// day, 0001-01-01 in the company's zone). A date outside is refused like text that is not a date: a message next to
/// the field, what was typed kept, and the property left empty.
/// </summary>
internal sealed class BoundedDateBinderProvider : IModelBinderProvider
{
    public static readonly DateOnly Earliest = new(1900, 1, 1);
    public static readonly DateOnly Latest = new(2099, 12, 31);

    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Metadata.UnderlyingOrModelType == typeof(DateOnly)
            ? new BoundedDateBinder(new SimpleTypeModelBinder(context.Metadata.ModelType, context.Services.GetRequiredService<ILoggerFactory>()))
            : null;
    }

    private sealed class BoundedDateBinder(IModelBinder inner) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext bindingContext)
        {
            ArgumentNullException.ThrowIfNull(bindingContext);
            await inner.BindModelAsync(bindingContext);
            if (bindingContext.Result is { IsModelSet: true, Model: DateOnly day } && (day < Earliest || day > Latest))
            {
                var l = bindingContext.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
                bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, l["Input.DateOutOfRange",
                    Earliest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Latest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
                bindingContext.Result = ModelBindingResult.Failed();
            }
        }
    }
}
