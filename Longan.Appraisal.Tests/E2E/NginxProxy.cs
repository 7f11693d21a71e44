using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Longan.Appraisal.Tests.Infrastructure;

namespace Longan.Appraisal.Tests.E2E;

/// <summary>
/// Debian's nginx running the configuration the repository ships
/// (Longan.Appraisal.Web/Deployment/nginx/longan-appraisal.conf), with only its lines marked CHANGE
/// replaced: the portal nodes' addresses, free loopback ports and a self-signed certificate.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    public const string NginxPath = "/usr/sbin/nginx";

    private readonly Process _process;
    private readonly DirectoryInfo _prefix;

    private NginxProxy(Process process, DirectoryInfo prefix, string baseUrl)
    {
        _process = process;
        _prefix = prefix;
        BaseUrl = baseUrl;
    }

    /// <summary>The shipped file, as an operator copies it.</summary>
    public static string ShippedConfiguration => Path.Combine(SolutionPaths.WebProject, "Deployment", "nginx", "longan-appraisal.conf");

    /// <summary>https://127.0.0.1:port — the address users and phones reach.</summary>
    public string BaseUrl { get; }

    /// <summary>What nginx wrote to the site's access log (never a phone ballot's address).</summary>
    public string AccessLog => File.Exists(Path.Combine(_prefix.FullName, "access.log")) ? File.ReadAllText(Path.Combine(_prefix.FullName, "access.log")) : "";

    public string ErrorLog => File.Exists(Path.Combine(_prefix.FullName, "error.log")) ? File.ReadAllText(Path.Combine(_prefix.FullName, "error.log")) : "";

    /// <param name="nodes">The portal nodes' base addresses (http://127.0.0.1:port).</param>
    public static async Task<NginxProxy> StartAsync(IEnumerable<string> nodes)
    {
        if (!File.Exists(NginxPath))
        {
            throw new InvalidOperationException($"{NginxPath} is missing: install Debian's nginx (.ci/test does).");
        }
        var prefix = Directory.CreateTempSubdirectory("longan-nginx-");
        var (http, https) = (FreePort(), FreePort());
        WriteCertificate(prefix.FullName);
        var site = Substitute(await File.ReadAllTextAsync(ShippedConfiguration), nodes.Select(n => new Uri(n).Authority), http, https, prefix.FullName);
        await File.WriteAllTextAsync(Path.Combine(prefix.FullName, "longan-appraisal.conf"), site);
        // What Debian's /etc/nginx/nginx.conf gives the site, with every path inside the prefix so nginx needs no root.
        var p = prefix.FullName;
        await File.WriteAllTextAsync(Path.Combine(p, "nginx.conf"), $$"""
            {{(Environment.UserName == "root" ? "user root;" : "")}}
            worker_processes auto;
            pid {{p}}/nginx.pid;
            error_log {{p}}/error.log warn;
            events { worker_connections 4096; }
            http {
                access_log off;
                client_body_temp_path {{p}}/client_body;
                proxy_temp_path {{p}}/proxy;
                fastcgi_temp_path {{p}}/fastcgi;
                uwsgi_temp_path {{p}}/uwsgi;
                scgi_temp_path {{p}}/scgi;
                include {{p}}/longan-appraisal.conf;
            }
            """);
        var start = new ProcessStartInfo(NginxPath) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-p", p + "/", "-e", p + "/error.log", "-c", p + "/nginx.conf", "-g", "daemon off;" })
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start");
        var proxy = new NginxProxy(process, prefix, $"https://127.0.0.1:{https}");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                var stderr = await process.StandardError.ReadToEndAsync();
                await proxy.DisposeAsync();
                throw new InvalidOperationException($"nginx exited with {process.ExitCode}: {stderr}");
            }
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(IPAddress.Loopback, https);
                return proxy;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        await proxy.DisposeAsync();
        throw new TimeoutException("nginx did not listen within 20 s.");
    }

    /// <summary>An HTTP handler that trusts the test's certificate and keeps cookies, as a browser would.</summary>
    public static HttpClientHandler Handler() => new()
    {
        CookieContainer = new CookieContainer(),
        AllowAutoRedirect = true,
        ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
    };

    /// <summary>Replaces exactly the lines marked CHANGE; a line the shipped file no longer has fails the test, so the test keeps to the file.</summary>
    private static string Substitute(string site, IEnumerable<string> nodes, int http, int https, string prefix)
    {
        var replacements = new (string From, string To)[]
        {
            ("    server 10.0.0.11:5000 max_fails=1 fail_timeout=10s;\n    server 10.0.0.12:5000 max_fails=1 fail_timeout=10s;\n",
                string.Concat(nodes.Select(n => $"    server {n} max_fails=1 fail_timeout=10s;\n"))),
            ("    listen 80;\n", $"    listen 127.0.0.1:{http};\n"),
            ("    listen 443 ssl http2;\n", $"    listen 127.0.0.1:{https} ssl http2;\n"),
            ("/etc/ssl/longan/fullchain.pem;", $"{prefix}/cert.pem;"),
            ("/etc/ssl/longan/privkey.pem;", $"{prefix}/key.pem;"),
            ("appraisal.example.gov.cn;", "127.0.0.1;"),
            ("/var/log/nginx/longan-appraisal.access.log", $"{prefix}/access.log"),
        };
        foreach (var (from, to) in replacements)
        {
            Assert.True(site.Contains(from, StringComparison.Ordinal), $"The shipped nginx configuration no longer has “{from.Trim()}”: update the test with it.");
            site = site.Replace(from, to, StringComparison.Ordinal);
        }
        return site;
    }

    private static void WriteCertificate(string folder)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        File.WriteAllText(Path.Combine(folder, "cert.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "key.pem"), key.ExportPkcs8PrivateKeyPem());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _prefix.Delete(recursive: true);
    }
}
