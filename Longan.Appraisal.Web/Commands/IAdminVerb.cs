namespace Longan.Appraisal.Web.Commands;

/// <summary>One verb of the administrators' command line (spec workbooks.md, "Admin commands").</summary>
public interface IAdminVerb
{
    /// <summary>The verb as typed; other people's scripts rely on it, so it never changes.</summary>
    string Name { get; }

    /// <summary>The usage line shown by the dispatcher, e.g. "migrate" or "export-results --year &lt;yyyy&gt; --out &lt;file.xlsx&gt;".</summary>
    string Usage { get; }

    /// <summary>What the verb does, one line.</summary>
    string Description { get; }

    /// <summary>Runs the verb after migrations were applied; returns the process exit code.</summary>
    Task<int> RunAsync(VerbArguments arguments, IServiceProvider services, TextWriter output, CancellationToken ct);
}
