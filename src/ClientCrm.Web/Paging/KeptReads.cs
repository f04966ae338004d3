using ClientCrm.Domain.Access;
using ClientCrm.Infrastructure.Clients;
using Microsoft.Extensions.Caching.Memory;

namespace ClientCrm.Web.Paging;

/// <summary>
/// Reads that pages repeat, kept per scope and key for at most <see cref="Lifetime"/> and only while this instance has
/// changed nothing they show (<see cref="SummaryVersion"/>, read before the value is computed, so a change made
/// meanwhile leaves the value under a count that is already past): the first pages of filtered and searched client
/// lists, and a client page's projects, grading figures and warnings. A user who searches, opens a client and comes
/// back, or pages back to the start, is answered without reading the database again. Decrypted card fields are never
/// kept: they are read per request.
/// </summary>
public sealed class KeptReads(IMemoryCache cache, SummaryVersion version)
{
    /// <summary>How long another instance's change may take to show on a kept page.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    /// <summary>The memory cache's budget is counted in rows; a page counts as many as it can hold, plus one.</summary>
    public const int EntrySize = 26;

    /// <summary>A key for a list's kept first page: the list's name and its query-string values.</summary>
    public static string Key(string list, IEnumerable<KeyValuePair<string, string?>> values) =>
        list + ":" + string.Join('|', values.Select(v => v.Key + "=" + v.Value));

    /// <summary>
    /// A searched text as part of a key: kept as a hash only, since it may be a phone number or an e-mail address.
    /// </summary>
    public static string TextKey(string text) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    /// <summary>
    /// The kept page, or one computed now. Requests that find the same page missing wait for one computation (run to
    /// its end on the first request's context, whatever happens to that request); a failed one is not kept.
    /// </summary>
    public async Task<T> GetOrComputeAsync<T>(AccessScope scope, string key, Func<CancellationToken, Task<T>> compute, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(compute);
        var cacheKey = (nameof(KeptReads), scope.FilterKey, key, version.Current);
        if (cache.TryGetValue(cacheKey, out Task<T>? kept) && kept is not null)
        {
            return await kept.WaitAsync(ct);
        }

        var mine = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var entry = cache.GetOrCreate(cacheKey, e =>
        {
            e.AbsoluteExpirationRelativeToNow = Lifetime;
            e.Size = EntrySize;
            return mine.Task;
        })!;
        if (entry != mine.Task)
        {
            return await entry.WaitAsync(ct);
        }

        try
        {
            mine.SetResult(await compute(CancellationToken.None));
        }
        catch (Exception e)
        {
            cache.Remove(cacheKey);
            mine.SetException(e);
        }

        return await mine.Task;
    }
}
