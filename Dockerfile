# ClientCrm web app: build with the .NET 10 SDK, run on the ASP.NET Core 10 runtime as a non-root user.
# Used by docker-compose.yml; see docs/operations.md. Build context is the repository root (.dockerignore trims it).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore first, from the project files alone, so the package layer is cached until a reference changes.
# Directory.Build.props / Directory.Packages.props hold the shared settings and the central package versions;
# .editorconfig is part of the build (analyzers run with warnings as errors).
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ClientCrm.Domain/ClientCrm.Domain.csproj src/ClientCrm.Domain/
COPY src/ClientCrm.Infrastructure/ClientCrm.Infrastructure.csproj src/ClientCrm.Infrastructure/
COPY src/ClientCrm.Web/ClientCrm.Web.csproj src/ClientCrm.Web/
# Restored as Release, as it is published: the Debug build also references src/ClientCrm.Development (the local
# PostgreSQL cluster and the demo data), which the image never carries (.dockerignore leaves it out).
RUN dotnet restore src/ClientCrm.Web/ClientCrm.Web.csproj -p:Configuration=Release

COPY src/ src/
RUN dotnet publish src/ClientCrm.Web/ClientCrm.Web.csproj -c Release -o /app/publish --no-restore /p:UseAppHost=false


FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app

# The app writes nothing to disk: data, and the cookie (Data Protection) keys, live in PostgreSQL; logs go to stdout.
COPY --from=build /app/publish .

# A 64 MB young generation (the default here is a few MB): under load the app then stops for collections about 1% of
# the time instead of 7-9%, at some 50 MB more memory (docs/operations.md, "Memory and warm-up"). The runtime reads
# this setting from the environment only, not from runtimeconfig.json.
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_GCgen0size=0x4000000
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "ClientCrm.Web.dll"]
