using ClientCrm.Domain.Common;
using ClientCrm.Domain.Grading;

namespace ClientCrm.Domain.Clients;

/// <summary>The enterprise card was edited and something on it changed (an unchanged save only counts as a review).</summary>
public sealed record ClientCardChanged(Guid ClientId, DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>The client moved to another status (cooperation started, paused, ended…).</summary>
public sealed record ClientStatusChanged(Guid ClientId, ClientStatus From, ClientStatus To, DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>The client's grade changed: a proposal decided or a grade set by hand.</summary>
public sealed record ClientGradeChanged(Guid ClientId, ClientGrade From, ClientGrade To, DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>A client was registered: what waited for it by name and country (a prospect's reports) can be linked to it.</summary>
public sealed record ClientRegistered(Guid ClientId, string NormalizedName, string CountryCode, DateTimeOffset OccurredAt) : IDomainEvent;
