using ClientCrm.Web.Localization;
using ClientCrm.Web.Validation;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace ClientCrm.Web.Setup;

internal static class Pipeline
{
    public static WebApplication UseCrmPipeline(this WebApplication app)
    {
        app.UseCrmRequestLogging();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";
            await next();
        });
        app.UseStaticFiles();
        // Control characters out of every query and form value, over-long values cut, before any page reads them.
        app.UseMiddleware<Pages.Clients.Documents.UploadLimits>();
        app.UseMiddleware<InputCleaning>();
        app.UseRouting();
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = DatabaseHealthCheck.WriteJson }).AllowAnonymous();
        app.MapRazorPages();
        ValidationSetup.UseLocalizedDisplayNames(app.Services);
        return app;
    }
}
