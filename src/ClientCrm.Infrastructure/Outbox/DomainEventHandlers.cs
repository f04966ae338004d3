using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using ClientCrm.Domain.Common;
using Microsoft.Extensions.DependencyInjection;

namespace ClientCrm.Infrastructure.Outbox;

/// <summary>One handler's interest in one kind of event, as registered.</summary>
public sealed class DomainEventSubscription
{
    private static readonly MethodInfo InvokeMethod =
        typeof(DomainEventSubscription).GetMethod(nameof(InvokeTyped), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly Func<object, IDomainEvent, CancellationToken, Task> _invoke;

    public DomainEventSubscription(Type eventType, Type handlerType)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        ArgumentNullException.ThrowIfNull(handlerType);
        if (!typeof(IDomainEventHandler<>).MakeGenericType(eventType).IsAssignableFrom(handlerType))
        {
            throw new ArgumentException($"{handlerType.Name} does not handle {eventType.Name}.", nameof(handlerType));
        }

        EventType = eventType;
        HandlerType = handlerType;
        _invoke = InvokeMethod.MakeGenericMethod(eventType).CreateDelegate<Func<object, IDomainEvent, CancellationToken, Task>>();
    }

    public Type EventType { get; }
    public Type HandlerType { get; }

    /// <summary>The name the outbox stores: the event's type name.</summary>
    public string Event => EventType.Name;

    /// <summary>The name the outbox stores: the handler's class name.</summary>
    public string Handler => HandlerType.Name;

    public Task InvokeAsync(IServiceProvider services, IDomainEvent domainEvent, CancellationToken ct) =>
        _invoke(services.GetRequiredService(HandlerType), domainEvent, ct);

    private static Task InvokeTyped<TEvent>(object handler, IDomainEvent domainEvent, CancellationToken ct) where TEvent : IDomainEvent =>
        ((IDomainEventHandler<TEvent>)handler).HandleAsync((TEvent)domainEvent, ct);
}

/// <summary>
/// Who handles which event: built from the registrations (<see cref="DomainEventHandlerRegistration.AddDomainEventHandler{THandler}"/>). The outbox writes an
/// event only when some handler wants it, with one delivery per handler; the dispatcher finds the handler by its stored name.
/// </summary>
public sealed class DomainEventHandlers
{
    /// <summary>Enum values as names, so a stored event reads plainly and survives a reordering of the enum.</summary>
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    private readonly Dictionary<Type, IReadOnlyList<DomainEventSubscription>> _byEventType;
    private readonly Dictionary<(string Event, string Handler), DomainEventSubscription> _byName;

    public DomainEventHandlers(IEnumerable<DomainEventSubscription> subscriptions)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        var all = subscriptions.DistinctBy(s => (s.EventType, s.HandlerType)).ToList();
        // Stored names must lead back to one type each, or a pending message would reach the wrong code.
        foreach (var clash in all.GroupBy(s => s.Handler).Where(g => g.Select(s => s.HandlerType).Distinct().Count() > 1)
                     .Concat(all.GroupBy(s => s.Event).Where(g => g.Select(s => s.EventType).Distinct().Count() > 1)))
        {
            throw new InvalidOperationException($"Two domain event types or handlers share the stored name {clash.Key}.");
        }

        _byEventType = all.GroupBy(s => s.EventType).ToDictionary(g => g.Key, g => (IReadOnlyList<DomainEventSubscription>)g.ToList());
        _byName = all.ToDictionary(s => (s.Event, s.Handler));
    }

    /// <summary>The handlers of <paramref name="eventType"/>; none means the event is not written at all.</summary>
    public IReadOnlyList<DomainEventSubscription> For(Type eventType) => _byEventType.GetValueOrDefault(eventType) ?? [];

    public DomainEventSubscription? Find(string eventName, string handlerName) => _byName.GetValueOrDefault((eventName, handlerName));

    public static string Serialize(IDomainEvent domainEvent)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        return JsonSerializer.Serialize(domainEvent, domainEvent.GetType(), Json);
    }

    public static IDomainEvent Deserialize(string payload, Type eventType) =>
        (IDomainEvent)(JsonSerializer.Deserialize(payload, eventType, Json)
            ?? throw new InvalidOperationException($"An outbox message of type {eventType.Name} has an empty payload."));
}

public static class DomainEventHandlerRegistration
{
    /// <summary>
    /// Registers <typeparamref name="THandler"/> (scoped) for every event type it handles (each
    /// <see cref="IDomainEventHandler{TEvent}"/> it implements). From the next save on, those events get a delivery to it.
    /// </summary>
    public static IServiceCollection AddDomainEventHandler<THandler>(this IServiceCollection services) where THandler : class
    {
        ArgumentNullException.ThrowIfNull(services);
        var events = typeof(THandler).GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDomainEventHandler<>))
            .Select(i => i.GetGenericArguments()[0])
            .ToList();
        if (events.Count == 0)
        {
            throw new ArgumentException($"{typeof(THandler).Name} implements no IDomainEventHandler<TEvent>.", nameof(THandler));
        }

        services.AddScoped<THandler>();
        foreach (var e in events)
        {
            services.AddSingleton(new DomainEventSubscription(e, typeof(THandler)));
        }

        return services;
    }
}
