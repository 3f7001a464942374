using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EcoPlan.Web.Input;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static EcoPlan.Web.Tests.AuthorizationMatrixTests;

namespace EcoPlan.Web.Tests;

/// <summary>
/// Every endpoint and page, taken from the app's own endpoint list, driven with bad input as anonymous, a unit, a
/// coordinator and an admin: route values, query values (the endpoint's own parameters and the page's query
/// parameters), JSON bodies (malformed, wrong types, unknown enum names), form and upload bodies, wrong content types,
/// missing bodies. Each request starts from the authorization matrix's row for the endpoint (so it reaches real plans,
/// measures and reports) and changes one thing. No answer may be 5xx, and every status an API operation answers must be
/// listed for it in the OpenAPI document. Deterministic: the values are fixed and the long text is drawn from a seeded generator.
/// </summary>
public sealed partial class InputFuzzTests(InputFuzzTests.FuzzRun run, ITestOutputHelper output) : IClassFixture<InputFuzzTests.FuzzRun>
{
    [Fact]
    public void BadInput_NeverAnswers5xx()
    {
        output.WriteLine($"{run.Answers.Count} requests to {run.Endpoints.Count} endpoints in {run.Elapsed.TotalSeconds:0} s");
        foreach (var endpoint in run.Answers.GroupBy(a => a.Probe.Endpoint).OrderByDescending(g => g.Count()).Take(15))
        {
            output.WriteLine($"  {endpoint.Count(),5} {endpoint.Key}");
        }

        var failures = run.Answers.Where(a => a.Status >= 500).Select(a => a.ToString()).ToList();

        Assert.True(failures.Count == 0, $"{failures.Count} of {run.Answers.Count} requests answered 5xx:\n" + string.Join('\n', failures));
        Assert.True(run.Answers.Count > 2000, $"only {run.Answers.Count} requests sent; the enumeration is broken");
        var unprobed = run.Endpoints.Where(e => !run.Answers.Any(a => a.Probe.Endpoint == e && a.Probe.Role != Anonymous)).ToList();
        Assert.True(unprobed.Count == 0, "Endpoints never driven signed in:\n" + string.Join('\n', unprobed));
    }

    [Fact]
    public void EveryAnsweredStatus_IsInTheOpenApiDocument()
    {
        using var document = JsonDocument.Parse(run.OpenApi);
        var paths = document.RootElement.GetProperty("paths");
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        var documented = 0;
        foreach (var group in run.Answers.Where(a => a.Status < 500 && !a.Probe.OffRoute).GroupBy(a => a.Probe.Endpoint))
        {
            var (method, route) = (group.Key.Method, group.Key.Route);
            if (!paths.TryGetProperty(OpenApiPath(route), out var path) || !path.TryGetProperty(method.ToLowerInvariant(), out var operation))
            {
                continue;
            }

            documented++;
            var listed = operation.TryGetProperty("responses", out var responses) ? responses.EnumerateObject().Select(r => r.Name).ToHashSet() : [];
            foreach (var status in group.Select(a => a.Status).Distinct().Order())
            {
                if (!listed.Contains(status.ToString(CultureInfo.InvariantCulture)))
                {
                    var example = group.First(a => a.Status == status);
                    missing.Add($"{method} {route}: {status} (e.g. {example.Probe.Describe()}); documented: {string.Join(", ", listed.Order())}");
                }
            }
        }

        Assert.True(documented > 30, $"only {documented} operations found in the OpenAPI document; the path mapping is broken");
        Assert.True(missing.Count == 0, $"{missing.Count} answered statuses are not in the OpenAPI document:\n" + string.Join('\n', missing));
    }

    /// <summary>The OpenAPI path of a route: parameters without their constraints, no trailing slash.</summary>
    internal static string OpenApiPath(string route)
    {
        var path = RouteParameter().Replace(route, "{$1}");
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }

    [GeneratedRegex(@"\{\**([A-Za-z_][A-Za-z0-9_]*)[^}]*\}")]
    private static partial Regex RouteParameter();

    private const string Anonymous = "anonymous";

    /// <summary>One endpoint as the app lists it: a method and its route pattern.</summary>
    public sealed record Endpoint(string Method, string Route, RouteEndpoint Source)
    {
        public override string ToString() => $"{Method} {Route}";
    }

    /// <summary>One request; <paramref name="OffRoute"/> when a route value fails the route's constraint, so the request is not the endpoint's at all.</summary>
    public sealed record Probe(Endpoint Endpoint, string Role, string Url, Body? Body, string What, bool OffRoute = false)
    {
        public string Describe()
        {
            var url = Url.Length > 120 ? Url[..120] + "…" : Url;
            return $"{Endpoint.Method} {url} [{What}] as {Role}";
        }
    }

    public sealed record Answer(Probe Probe, int Status)
    {
        public override string ToString() => $"{Probe.Describe()} → {Status}";
    }

    /// <summary>A request body: its media type and bytes, or form fields (the anti-forgery token is added when sent).</summary>
    public sealed record Body(string? MediaType, byte[]? Bytes, IReadOnlyList<FormPart>? Form, bool Multipart, bool Antiforgery = true);

    public sealed record FormPart(string Name, string Value, string? FileName = null, byte[]? File = null);

    /// <summary>The bad values a query string or form field gets; parsed as numbers, dates, periods, enums, booleans and URLs somewhere.</summary>
    private static readonly string[] BadText =
    [
        "abc", "", "-1", "0", "2147483647", "-2147483648", "2147483648", "99999999999999999999", "1.5", "1e309", "99", "true",
        "9999-12", "9999-12-31", "0001-01", "0001-01-01", "2026-13", "推进中", "\0", "\t", "//evil.example",
        "/\t/evil.example", "http://evil.example", "%", "../../etc/passwd", "<script>", LongText(4000),
    ];

    /// <summary>Route values: the int-constrained ones answer 404 when they do not parse, the others reach the endpoint.</summary>
    private static readonly string[] BadRouteValues = ["abc", "-1", "0", "2147483647", "2147483648", "名", LongText(300)];

    /// <summary>JSON values put in place of each field of a good body: wrong types, out-of-range numbers, unknown enum names.</summary>
    private static readonly string[] BadJsonValues =
    [
        "\"abc\"", "\"\"", "123", "-1", "0", "2147483648", "1e400", "1.5", "true", "null", "[]", "{}", "\"推进中\"", "99", "\"99\"",
        "\"9999-12\"", "\"0001-01\"", "\"2026-13\"", JsonSerializer.Serialize(LongText(4000)),
    ];

    /// <summary>Whole bodies that are not the JSON the endpoint reads.</summary>
    private static readonly string[] BadJsonBodies = ["", "{", "not json", "null", "[]", "\"text\"", "{\"a\":}", "{}", "1", "{\"status\":\"推进中\"", "\uFEFF{}", "[{\"x\":1}]"];

    /// <summary>Text from a seeded generator: CJK, Latin, digits and a surrogate pair, so every run sends the same bytes.</summary>
    private static string LongText(int length)
    {
        var random = new Random(11);
        var text = new StringBuilder(length);
        while (text.Length < length)
        {
            text.Append(random.Next(4) switch
            {
                0 => (char)random.Next(0x4E00, 0x9FA5),
                1 => (char)random.Next('a', 'z'),
                2 => (char)random.Next('0', '9'),
                _ => "😀",
            });
        }

        return text.ToString();
    }

    /// <summary>The demo site, the requests built from the app's endpoints and what each answered; run once for both tests.</summary>
    public sealed class FuzzRun : IAsyncLifetime
    {
        private static readonly string[] Roles = [Anonymous, "ylj", "coordinator", "admin"];
        private readonly DemoSite _site = new();
        private readonly Dictionary<string, (string Cookies, string Token)> _sessions = [];
        private HttpClient _client = default!;

        public IReadOnlyList<Endpoint> Endpoints { get; private set; } = [];
        public List<Answer> Answers { get; } = [];
        public string OpenApi { get; private set; } = "";
        public TimeSpan Elapsed { get; private set; }

        public async Task InitializeAsync()
        {
            await _site.InitializeAsync();
            _client = _site.Factory.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });
            foreach (var role in Roles)
            {
                await SessionAsync(role);
            }

            var clock = Stopwatch.StartNew();
            Endpoints = ListEndpoints(_site.Factory.Services);
            foreach (var endpoint in Endpoints)
            {
                var rows = Cases.Where(c => c.Method == endpoint.Method && c.Route == endpoint.Route).ToList();
                var open = endpoint.Source.Metadata.GetMetadata<IAllowAnonymous>() is not null;
                for (var r = 0; r < Roles.Length; r++)
                {
                    var role = Roles[r];
                    // The role's own row, else one that succeeds (a login with the right password, not one that locks the account out).
                    var seed = rows.FirstOrDefault(c => c.User == role) ?? rows.OrderBy(c => (int)c.Expected >= 400).ThenBy(c => c.User == Anonymous).FirstOrDefault();
                    var probes = Probes(endpoint, role, seed is null ? null : (seed.Url(_site), await BodyOfAsync(seed))).ToList();
                    // Each change is sent by one of the signed-in roles in turn (the row as it is by all), which keeps the run
                    // short. Anonymous users are refused before any input is read, so they send every change where the
                    // endpoint is open (and the signed-in roles only the first few); a page posted to without a form, the same.
                    var sent = (role == Anonymous) == open && !PostToPage(endpoint)
                        ? probes.Where((_, i) => open || i == 0 || i % (Roles.Length - 1) == r - 1)
                        : probes.Take(3);
                    foreach (var probe in sent)
                    {
                        Answers.Add(new Answer(probe, await SendAsync(probe)));
                    }
                }
            }

            using var anonymous = _site.Factory.CreateBrowser();
            OpenApi = await anonymous.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
            Elapsed = clock.Elapsed;
        }

        private static bool PostToPage(Endpoint endpoint) =>
            endpoint.Method == "POST" && endpoint.Source.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;

        private async Task<Body?> BodyOfAsync(Case row)
        {
            using var content = row.Body?.Invoke(_site);
            switch (content)
            {
                case null:
                    return null;
                case FormUrlEncodedContent form:
                    var fields = QueryHelpers.ParseQuery("?" + await form.ReadAsStringAsync());
                    return new Body(null, null, [.. fields.SelectMany(f => f.Value.Select(v => new FormPart(f.Key, v ?? "")))], Multipart: false);
                case MultipartFormDataContent multipart:
                    var parts = new List<FormPart>();
                    foreach (var part in multipart)
                    {
                        var disposition = part.Headers.ContentDisposition!;
                        var name = disposition.Name!.Trim('"');
                        parts.Add(disposition.FileName is { } file
                            ? new FormPart(name, "", file.Trim('"'), await part.ReadAsByteArrayAsync())
                            : new FormPart(name, await part.ReadAsStringAsync()));
                    }

                    return new Body(null, null, parts, Multipart: true);
                default:
                    return new Body(content.Headers.ContentType?.MediaType, await content.ReadAsByteArrayAsync(), null, Multipart: false);
            }
        }

        /// <summary>The matrix's row as it is, then one change at a time: each route value, each query value, each body field, the body itself.</summary>
        private static IEnumerable<Probe> Probes(Endpoint endpoint, string role, (string Url, Body? Body)? seed)
        {
            var pattern = endpoint.Source.RoutePattern;
            var (path, query) = Split(seed?.Url ?? DefaultUrl(pattern));
            var values = new RouteValueDictionary();
            new TemplateMatcher(new RouteTemplate(pattern), new RouteValueDictionary()).TryMatch(path, values);
            var body = seed?.Body ?? DefaultBody(endpoint);
            string Url(RouteValueDictionary routeValues, Dictionary<string, string> q) => QueryHelpers.AddQueryString(Path(pattern, routeValues), q!);
            Probe Make(string url, Body? b, string what) => new(endpoint, role, url, b, what);

            yield return Make(Url(values, query), body, "as in the matrix");
            foreach (var parameter in pattern.Parameters.Where(p => !p.IsCatchAll))
            {
                var numeric = parameter.ParameterPolicies.Any(p => p.Content == "int");
                foreach (var bad in BadRouteValues)
                {
                    var offRoute = numeric && !int.TryParse(bad, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
                    yield return Make(Url(new RouteValueDictionary(values) { [parameter.Name] = bad }, query), body, $"route {parameter.Name}={Short(bad)}") with { OffRoute = offRoute };
                }
            }

            foreach (var name in query.Keys.Union(QueryParameters(endpoint), StringComparer.OrdinalIgnoreCase).Where(n => !values.ContainsKey(n)))
            {
                foreach (var bad in BadText)
                {
                    yield return Make(Url(values, new Dictionary<string, string>(query) { [name] = bad }), body, $"query {name}={Short(bad)}");
                }
            }

            var url = Url(values, query);
            foreach (var probe in BodyProbes(body))
            {
                yield return Make(url, probe.Body, probe.What);
            }
        }

        private static IEnumerable<(Body? Body, string What)> BodyProbes(Body? body)
        {
            if (body is { Form: { } form })
            {
                yield return (null, "no body");
                yield return (body with { Antiforgery = false }, "no anti-forgery token");
                yield return (new Body("application/json", "{}"u8.ToArray(), null, false), "JSON instead of a form");
                for (var i = 0; i < form.Count; i++)
                {
                    var index = i;
                    yield return (body with { Form = [.. form.Where((_, j) => j != index)] }, $"form without {form[i].Name}");
                    if (form[i].File is not null)
                    {
                        yield return (body with { Form = [.. form.Select((p, j) => j == index ? p with { File = [] } : p)] }, $"empty file {form[i].Name}");
                        yield return (body with { Form = [.. form.Select((p, j) => j == index ? p with { File = Encoding.UTF8.GetBytes(LongText(3000)) } : p)] }, $"text as file {form[i].Name}");
                        continue;
                    }

                    foreach (var bad in BadText)
                    {
                        yield return (body with { Form = [.. form.Select((p, j) => j == index ? p with { Value = bad } : p)] }, $"form {form[i].Name}={Short(bad)}");
                    }
                }
            }
            else if (body is { MediaType: "application/json", Bytes: { } bytes })
            {
                yield return (null, "no body");
                yield return (body with { MediaType = "text/plain" }, "text/plain");
                yield return (body with { MediaType = "application/x-www-form-urlencoded" }, "form content type");
                foreach (var bad in BadJsonBodies)
                {
                    yield return (body with { Bytes = Encoding.UTF8.GetBytes(bad) }, $"JSON body {Short(bad)}");
                }

                var json = JsonNode.Parse(bytes);
                foreach (var field in Leaves(json, "$"))
                {
                    foreach (var bad in BadJsonValues)
                    {
                        yield return (body with { Bytes = Encoding.UTF8.GetBytes(Replace(json, field, bad)) }, $"JSON {field}={Short(bad)}");
                    }
                }
            }
        }

        /// <summary>Every value's path in a JSON document, objects and arrays included (so each can be given the wrong type).</summary>
        private static IEnumerable<string> Leaves(JsonNode? node, string path)
        {
            if (path != "$")
            {
                yield return path;
            }

            var children = node switch
            {
                JsonObject o => o.Select(p => (Node: p.Value, Path: $"{path}.{p.Key}")),
                JsonArray a => a.Select((n, i) => (Node: n, Path: $"{path}[{i}]")),
                _ => [],
            };
            foreach (var child in children.ToList())
            {
                foreach (var leaf in Leaves(child.Node, child.Path))
                {
                    yield return leaf;
                }
            }
        }

        private static string Replace(JsonNode? json, string path, string value)
        {
            var copy = json!.DeepClone();
            var parts = PathPart().Matches(path).Select(m => m.Value).ToList();
            var parent = copy;
            foreach (var part in parts[..^1])
            {
                parent = part.StartsWith('[') ? parent![int.Parse(part[1..^1], CultureInfo.InvariantCulture)] : parent![part.TrimStart('.')];
            }

            var last = parts[^1];
            var replacement = JsonNode.Parse(value);
            if (last.StartsWith('['))
            {
                parent!.AsArray()[int.Parse(last[1..^1], CultureInfo.InvariantCulture)] = replacement;
            }
            else
            {
                parent!.AsObject()[last.TrimStart('.')] = replacement;
            }

            return copy.ToJsonString();
        }

        /// <summary>A body for an endpoint the matrix sends none: an empty JSON object where it reads JSON, an empty form where it reads a form.</summary>
        private static Body? DefaultBody(Endpoint endpoint) =>
            endpoint.Source.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes switch
            {
                { } types when types.Contains("application/json") => new Body("application/json", "{}"u8.ToArray(), null, false),
                { } types when types.Any(t => t.Contains("form", StringComparison.Ordinal)) => new Body(null, null, [], Multipart: types.Contains("multipart/form-data")),
                _ => null,
            };

        /// <summary>The query parameters an endpoint reads: a minimal API's simple parameters not in its route, a page's [SupplyParameterFromQuery] properties.</summary>
        private static IEnumerable<string> QueryParameters(Endpoint endpoint)
        {
            if (endpoint.Source.Metadata.GetMetadata<ComponentTypeMetadata>() is { } page)
            {
                return page.Type.GetProperties()
                    .Select(p => (Property: p, Query: p.GetCustomAttribute<SupplyParameterFromQueryAttribute>()))
                    .Where(p => p.Query is not null)
                    .Select(p => p.Query!.Name ?? p.Property.Name);
            }

            return endpoint.Source.Metadata.OfType<IParameterBindingMetadata>()
                .Where(p => p.ParameterInfo.GetCustomAttribute<FromFormAttribute>() is null && p.ParameterInfo.GetCustomAttribute<FromHeaderAttribute>() is null)
                .Where(p => InputValues.IsScalar(p.ParameterInfo.ParameterType))
                .Select(p => p.ParameterInfo.GetCustomAttribute<FromQueryAttribute>()?.Name ?? p.Name);
        }

        private async Task<int> SendAsync(Probe probe)
        {
            // Every request carries its role's cookies itself, so a login or logout probe changes no later request.
            var (cookies, token) = await SessionAsync(probe.Role);
            using var request = new HttpRequestMessage(new HttpMethod(probe.Endpoint.Method), new Uri(probe.Url, UriKind.Relative));
            request.Headers.TryAddWithoutValidation("Cookie", cookies);
            if (probe.Url.StartsWith("/api/", StringComparison.Ordinal))
            {
                // As a script sends API writes without a JSON body (CsrfProtection), so the probes reach the handlers.
                request.Headers.TryAddWithoutValidation("RequestVerificationToken", token);
            }
            if (probe.Body is { } body)
            {
                request.Content = Content(body, token);
            }

            using var response = await _client.SendAsync(request);
            return (int)response.StatusCode;
        }

        private static HttpContent Content(Body body, string token)
        {
            if (body.Form is not { } form)
            {
                var bytes = new ByteArrayContent(body.Bytes!);
                bytes.Headers.ContentType = new MediaTypeHeaderValue(body.MediaType!) { CharSet = "utf-8" };
                return bytes;
            }

            var fields = body.Antiforgery ? [.. form, new FormPart("__RequestVerificationToken", token)] : form;
            if (!body.Multipart)
            {
                return new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
            }

            var multipart = new MultipartFormDataContent();
            foreach (var field in fields)
            {
                if (field.File is { } file)
                {
                    multipart.Add(new ByteArrayContent(file), field.Name, field.FileName!);
                }
                else
                {
                    multipart.Add(new StringContent(field.Value), field.Name);
                }
            }

            return multipart;
        }

        /// <summary>The role's session cookie (none for anonymous) with an anti-forgery cookie and token, taken once before any probe can lock the account out.</summary>
        private async Task<(string Cookies, string Token)> SessionAsync(string role)
        {
            if (_sessions.TryGetValue(role, out var session))
            {
                return session;
            }

            var cookies = new List<string>();
            if (role != Anonymous)
            {
                using var login = await _client.PostAsJsonAsync(new Uri("/api/v1/auth/login", UriKind.Relative), new { userName = role, password = EcoPlanWebFactory.DemoPassword });
                login.EnsureSuccessStatusCode();
                cookies.AddRange(CookiesOf(login));
            }

            using var page = new HttpRequestMessage(HttpMethod.Get, new Uri(role == Anonymous ? "/login" : "/denied", UriKind.Relative));
            page.Headers.TryAddWithoutValidation("Cookie", string.Join("; ", cookies));
            using var response = await _client.SendAsync(page);
            cookies.AddRange(CookiesOf(response));
            session = (string.Join("; ", cookies), DemoSite.ExtractToken(await response.Content.ReadAsStringAsync()));
            _sessions[role] = session;
            return session;
        }

        private static IEnumerable<string> CookiesOf(HttpResponseMessage response) =>
            response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.Select(c => c.Split(';')[0]) : [];

        /// <summary>The app's endpoints and pages, as the authorization matrix lists them (fingerprinted static files left out).</summary>
        private static List<Endpoint> ListEndpoints(IServiceProvider services) =>
            [.. services.GetServices<EndpointDataSource>()
                .SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
                .Where(e => !e.Metadata.Any(m => m.GetType().Name.Contains("StaticAsset", StringComparison.Ordinal)))
                .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => new Endpoint(method, "/" + e.RoutePattern.RawText!.TrimStart('/'), e)))
                .DistinctBy(e => (e.Method, e.Route))];

        private static string DefaultUrl(RoutePattern pattern) => Path(pattern, new RouteValueDictionary(pattern.Parameters.ToDictionary(p => p.Name, _ => (object?)"1")));

        private static string Path(RoutePattern pattern, RouteValueDictionary values)
        {
            var path = new StringBuilder();
            foreach (var segment in pattern.PathSegments)
            {
                path.Append('/');
                foreach (var part in segment.Parts)
                {
                    path.Append(part switch
                    {
                        RoutePatternLiteralPart literal => literal.Content,
                        RoutePatternSeparatorPart separator => separator.Content,
                        RoutePatternParameterPart parameter => Uri.EscapeDataString(Convert.ToString(values.GetValueOrDefault(parameter.Name) ?? "1", CultureInfo.InvariantCulture)!),
                        _ => "",
                    });
                }
            }

            return path.Length == 0 ? "/" : path.ToString();
        }

        private static (string Path, Dictionary<string, string> Query) Split(string url)
        {
            var at = url.IndexOf('?', StringComparison.Ordinal);
            return at < 0
                ? (url, [])
                : (url[..at], QueryHelpers.ParseQuery(url[at..]).ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase));
        }

        private static string Short(string value) => value.Length > 20 ? $"{value[..12]}…({value.Length})" : value;

        public async Task DisposeAsync()
        {
            _client.Dispose();
            await _site.DisposeAsync();
        }
    }

    [GeneratedRegex(@"\.[^.\[]+|\[\d+\]")]
    private static partial Regex PathPart();
}
