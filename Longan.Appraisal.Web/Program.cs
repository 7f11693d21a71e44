using Longan.Appraisal.Web.Commands;
using Longan.Appraisal.Web.Hosting;

// The same program is the portal and the administrators' command line (spec workbooks.md):
// `dotnet run --project Longan.Appraisal.Web -- <verb>` runs a verb and exits.
if (AdminCommandLine.IsVerb(args))
{
    return await AdminCommandLine.RunAsync(args);
}

var app = await PortalHost.BuildAsync(args);
await PortalHost.PrepareDatabaseAsync(app);
await app.RunAsync();
return 0;
