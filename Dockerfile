# Portal web image. The same image serves the site (default CMD) and runs the one-shot
# `migrate` verb: docker-compose.yml overrides the whole command, so there is no ENTRYPOINT.

# -noble pins the distro the apt package names below are for (it is what 10.0 points at).
FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
WORKDIR /src
# Restore from the project files alone first, so a code-only change reuses the package layer.
COPY Directory.Build.props Directory.Packages.props ./
COPY src/Portal.Domain/Portal.Domain.csproj src/Portal.Domain/
COPY src/Portal.Infrastructure/Portal.Infrastructure.csproj src/Portal.Infrastructure/
COPY src/Portal.Migrations.Sqlite/Portal.Migrations.Sqlite.csproj src/Portal.Migrations.Sqlite/
COPY src/Portal.Migrations.PostgreSql/Portal.Migrations.PostgreSql.csproj src/Portal.Migrations.PostgreSql/
COPY src/Portal.Web/Portal.Web.csproj src/Portal.Web/
RUN dotnet restore src/Portal.Web/Portal.Web.csproj
COPY src/ src/
RUN dotnet publish src/Portal.Web -c Release -o /app --no-restore -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble AS runtime
# Fonts with Vietnamese glyphs for PDF rendering (DejaVu Sans Bold also draws the captcha). On Ubuntu 24.04 fonts-liberation *is*
# Liberation 2.x (Debian bookworm's fonts-liberation2; Debian merged the two packages in 2023).
# espeak-ng speaks the audio captcha (Vietnamese voice); without it the forms offer the image only.
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-dejavu-core fonts-liberation espeak-ng \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /var/lib/portal \
    && chown "$APP_UID:$APP_UID" /var/lib/portal
WORKDIR /app
# Binaries stay root-owned: the app user can read them but not rewrite them.
COPY --from=build /app ./
# The default data folder (/app/data) is not writable by the app user; a named volume
# mounted on /var/lib/portal starts out with this folder's ownership.
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Portal__DataDirectory=/var/lib/portal
USER $APP_UID
EXPOSE 8080
CMD ["dotnet", "Portal.Web.dll"]
