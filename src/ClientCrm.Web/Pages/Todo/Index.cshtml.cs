using ClientCrm.Domain.Common;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClientCrm.Web.Pages.Todo;

/// <summary>The to-do list (待办): everything waiting for the signed-in person, the most urgent first, overdue in red.</summary>
public sealed class IndexModel(TodoList todo, BusinessClock clock) : PageModel
{
    public IReadOnlyList<TodoItem> Items { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = clock.UtcNow;
        Items = await todo.ReadAsync(Now, ct);
    }
}
