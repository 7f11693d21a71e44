using Longan.Appraisal.Core.Domain.Audit;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Resources;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Core.Security.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Longan.Appraisal.Core.Features.Audit;

/// <summary>A search of the audit trail: free text (who, what, key, values), an action, a subject and a period in China time.</summary>
public sealed record AuditQuery(PageRequest Page, AuditAction? Action = null, string? Subject = null, DateOnly? From = null, DateOnly? To = null);

/// <param name="Names">What the ids in this page of records refer to ("AssistantId:20" → "谢明辉（LA0020）"), shared by the page's rows.</param>
public sealed record AuditRow(long Id, DateTimeOffset At, string Actor, AppRole? Role, AuditAction Action, string Subject, string? SubjectKey, string? Summary, string? Before, string? After,
    IReadOnlyDictionary<string, string>? Names)
{
    /// <summary>The name of what an id in one of the record's fields refers to, when it is known.</summary>
    public string? NameOf(string field, string? id) => id is null ? null : Names?.GetValueOrDefault($"{field}:{id}");

    /// <summary>What the record is about in words: the assistant, village… itself, or whose entry or case it is.</summary>
    public string? SubjectName => Names?.GetValueOrDefault(AuditReferences.SubjectKey(Subject, SubjectKey));

    /// <summary>The record's subject is shown by its own name (an assistant, a village…) rather than by whose it is.</summary>
    public bool SubjectNamesItself => AuditReferences.NamesItself(Subject);
}

/// <summary>Why a sign-in failed, as the audit trail records it.</summary>
public enum SignInFailure
{
    NoSuchAccount,
    WrongPassword,
    LockedOut,
    Deactivated,
    /// <summary>The network address had too many failures in the window; no account was tried.</summary>
    AddressBlocked,
}

/// <summary>
/// The audit trail for 组织部 (spec §1: "audit log"): searching it, checking its hash chain, and
/// recording what the database does not see by itself — sign-ins, failed sign-ins and refused access.
/// </summary>
public sealed class AuditService(IDbContextFactory<AppraisalDbContext> dbFactory, ILogger<AuditService> logger)
{
    /// <summary>The field of a checkpoint given to <see cref="VerifyAsync"/>, for a form's error.</summary>
    public const string CheckpointField = "checkpoint";
    private const int CheckBatch = 5000;
    private static readonly TimeSpan s_china = TimeSpan.FromHours(8);

    public async Task<PagedResult<AuditRow>> QueryAsync(Caller caller, AuditQuery query, CancellationToken ct = default)
    {
        EnsureCounty(caller);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var records = db.AuditRecords.AsNoTracking();
        if (query.Action is { } action)
        {
            records = records.Where(r => r.Action == action);
        }
        if (!string.IsNullOrWhiteSpace(query.Subject))
        {
            records = records.Where(r => r.Subject == query.Subject);
        }
        if (query.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), s_china);
            records = records.Where(r => r.At >= start);
        }
        if (query.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), s_china);
            records = records.Where(r => r.At < end);
        }
        if (query.Page.Term is { } term)
        {
            // An assistant's name or code also finds the records that refer to them only by id (entries, appeals, decisions).
            var ids = await db.Assistants.Where(a => a.Code == term || a.Name.Contains(term)).OrderBy(a => a.Id).Select(a => a.Id).Take(20).ToListAsync(ct);
            var keys = ids.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            var references = ids.SelectMany(id => new[] { $"\"AssistantId\":{id},", $"\"AssistantId\":{id}}}" }).ToList();
            var owned = await AuditReferences.OwnedKeysAsync(db, ids, ct);
            records = records.Where(r => r.Actor.Contains(term) || (r.SubjectKey != null && r.SubjectKey == term)
                || (r.Summary != null && r.Summary.Contains(term)) || (r.Before != null && r.Before.Contains(term)) || (r.After != null && r.After.Contains(term))
                || (r.Subject == "Assistant" && keys.Contains(r.SubjectKey!))
                || owned.Contains(r.Subject + ":" + r.SubjectKey)
                || references.Any(x => (r.Before != null && r.Before.Contains(x)) || (r.After != null && r.After.Contains(x))));
        }
        var total = await records.CountAsync(ct);
        var rows = await records.OrderByDescending(r => r.Id).Skip(query.Page.Offset).Take(query.Page.Take)
            .Select(r => new AuditRow(r.Id, r.At, r.Actor, r.Role, r.Action, r.Subject, r.SubjectKey, r.Summary, r.Before, r.After, null))
            .ToListAsync(ct);
        var names = await AuditReferences.ResolveAsync(db, rows, ct);
        return new PagedResult<AuditRow>([.. rows.Select(r => r with { Names = names })], total);
    }

    /// <summary>The subjects present in the trail, for the page's filter.</summary>
    public async Task<IReadOnlyList<string>> SubjectsAsync(Caller caller, CancellationToken ct = default)
    {
        EnsureCounty(caller);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AuditRecords.Select(r => r.Subject).Distinct().OrderBy(s => s).ToListAsync(ct);
    }

    /// <summary>
    /// Recomputes the whole chain, a batch of records at a time, and reports the first record that
    /// does not fit; with a <paramref name="checkpoint"/> noted at an earlier check (see
    /// <see cref="AuditCheckpoint"/>), also that its record is still there with the same hash.
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(Caller caller, string? checkpoint = null, CancellationToken ct = default)
    {
        EnsureCounty(caller);
        (long Record, string HashStart)? expected = checkpoint is null ? null : AuditCheckpoint.Parse(checkpoint)
            ?? throw new ValidationFailedException([new FieldError(CheckpointField, Messages.AuditCheckpointInvalid)]);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var walk = new AuditChainWalk();
        var after = 0L;
        while (true)
        {
            var batch = await db.AuditRecords.AsNoTracking().Where(r => r.Id > after).OrderBy(r => r.Id).Take(CheckBatch).ToListAsync(ct);
            if (batch.Count == 0 || !batch.All(walk.Step))
            {
                break;
            }
            after = batch[^1].Id;
        }
        var result = walk.Result;
        if (expected is not { } point || point.Record == 0 || result.BrokenAt is not null)
        {
            return result;
        }
        // The chain holds from the first record to the last; a record at the checkpoint with the noted
        // hash means nothing up to it was cut or rewritten since it was noted.
        var hash = await db.AuditRecords.Where(r => r.Id == point.Record).Select(r => r.Hash).FirstOrDefaultAsync(ct);
        return hash is null ? result with { CheckpointProblem = Messages.AuditCheckpointMissing(point.Record, result.Records) }
            : !hash.StartsWith(point.HashStart, StringComparison.Ordinal) ? result with { CheckpointProblem = Messages.AuditCheckpointChanged(point.Record) }
            : result;
    }

    /// <summary>A successful sign-in, and from which network address.</summary>
    public Task RecordSignInAsync(string userName, AppRole role, string? address = null, CancellationToken ct = default) =>
        AppendAsync(userName, role, AuditAction.SignedIn, "Account", userName, string.IsNullOrEmpty(address) ? null : "来自 " + address, ct);

    /// <summary>A failed sign-in under the name typed, with why — for the auditor, not shown to the person signing in.</summary>
    public Task RecordSignInFailedAsync(string userName, AppRole? role, SignInFailure why, string? address = null, CancellationToken ct = default) =>
        AppendAsync(userName, role, AuditAction.SignInFailed, "Account", userName, why switch
        {
            SignInFailure.NoSuchAccount => "无此账号",
            SignInFailure.WrongPassword => "密码错误",
            SignInFailure.LockedOut => "账号已锁定（连续输错密码）",
            SignInFailure.AddressBlocked => "该网络地址登录失败次数过多，暂停受理",
            _ => "账号已停用",
        } + (string.IsNullOrEmpty(address) ? "" : "，来自 " + address), ct);

    /// <summary>A sign-out: the session it ended is worth nothing from now on.</summary>
    public Task RecordSignOutAsync(string userName, AppRole role, CancellationToken ct = default) =>
        AppendAsync(userName, role, AuditAction.SignedOut, "Account", userName, null, ct);

    /// <summary>
    /// Access refused to a signed-in user: who, where they tried to go and what they were told. An
    /// anonymous visitor is sent to sign in, not recorded (they could fill the trail at will).
    /// </summary>
    public Task RecordRefusalAsync(Caller? caller, string where, string message, CancellationToken ct = default) =>
        caller is null ? Task.CompletedTask : AppendAsync(caller.UserName, caller.Role, AuditAction.AccessRefused, "Page", where, message, ct);

    /// <summary>
    /// Appends a sign-in or refusal record. These are written from the middle of a user's request
    /// (a refusal being shown, a sign-in answered): if the database cannot take the record (e.g. busy),
    /// it is logged as an error rather than breaking the page.
    /// </summary>
    private async Task AppendAsync(string actor, AppRole? role, AuditAction action, string subject, string key, string? summary, CancellationToken ct)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            db.Record(new AuditRecord
            {
                At = DateTimeOffset.UtcNow, Actor = actor.Length > 256 ? actor[..256] : actor, Role = role, Action = action,
                Subject = subject, SubjectKey = key.Length > 200 ? key[..200] : key, Summary = summary, PreviousHash = "", Hash = "",
            });
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not record {Action} of {Actor} at {Subject} {Key} in the audit trail.", action, actor, subject, key);
        }
    }

    private static void EnsureCounty(Caller caller) => AdministrationPolicy.EnsureCanReadAudit(caller);
}
