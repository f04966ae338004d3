using ClientCrm.Domain.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClientCrm.Web.Pages.Todo;

/// <summary>
/// The to-do list (待办): everything waiting for the signed-in person, the most urgent first, overdue in red. A leader may
/// have hundreds of items across the workflows: the page shows the most urgent <see cref="Shown"/> (of one kind, when
/// chosen), which is what anyone works through, and says how many there are.
/// </summary>
public sealed class IndexModel(TodoList todo, BusinessClock clock) : PageModel
{
    public const int Shown = 100;

    [BindProperty(SupportsGet = true, Name = "kind")] public TodoKind? Kind { get; set; }

    public IReadOnlyList<TodoItem> Items { get; private set; } = [];
    public int Total { get; private set; }

    /// <summary>How many items wait of each kind, for the filter's links.</summary>
    public IReadOnlyList<(TodoKind Kind, int Count)> Kinds { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = clock.UtcNow;
        var all = await todo.ReadAsync(Now, ct);
        Kinds = all.GroupBy(i => i.Kind).OrderBy(g => g.Key).Select(g => (g.Key, g.Count())).ToList();
        var chosen = Kind is { } kind ? all.Where(i => i.Kind == kind).ToList() : all;
        Total = chosen.Count;
        Items = chosen.Take(Shown).ToList();
    }
}
