using Microsoft.Extensions.FileProviders;

namespace Zordic.Server.Web;

/// <summary>
/// Serves the web studio (the built <c>web/dist</c>) at <c>/</c>, with every non-API path falling back to
/// <c>index.html</c> so that links like <c>/projects/{id}</c> open the app.
/// </summary>
public static class StudioWebUi
{
    /// <summary>The built UI: <see cref="StudioOptions.WebRoot"/>, else web/dist of the checkout the program runs from.</summary>
    public static string? FindWebRoot(StudioOptions options)
    {
        if (options.WebRoot is not null) return Directory.Exists(options.WebRoot) ? Path.GetFullPath(options.WebRoot) : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Zordic.slnx")))
            {
                var dist = Path.Combine(dir.FullName, "web", "dist");
                return File.Exists(Path.Combine(dist, "index.html")) ? dist : null;
            }
        }
        return null;
    }

    public static WebApplication MapStudioWebUi(this WebApplication app, StudioOptions options)
    {
        var root = FindWebRoot(options);
        if (root is null)
        {
            app.MapGet("/", () => Results.Text("The web studio is not built. Run ./zordic serve from the repository (it builds web/), or see the README.", "text/plain"));
            return app;
        }
        var files = new PhysicalFileProvider(root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            // Vite names every built asset after its content hash: it can be cached for good, and a reload
            // only asks again for index.html (never cached, so a new build is picked up at once).
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl =
                context.Context.Request.Path.StartsWithSegments("/assets") ? "public, max-age=31536000, immutable" : "no-cache",
        });
        app.MapFallback(async context =>
        {
            var path = context.Request.Path.Value ?? "";
            if (path.StartsWith("/api/", StringComparison.Ordinal) || path.StartsWith("/hubs/", StringComparison.Ordinal) || Path.HasExtension(path))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.CacheControl = "no-cache";
            await context.Response.SendFileAsync(files.GetFileInfo("index.html"));
        });
        return app;
    }
}
