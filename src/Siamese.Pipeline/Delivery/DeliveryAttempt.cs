namespace Siamese.Pipeline.Delivery;

/// <summary>Which delivery of a queue message this is (1 for the first) out of the most the host makes.</summary>
public readonly record struct DeliveryAttempt(long Number, int Max)
{
    /// <summary>After this one the host moves the message to the poison queue.</summary>
    public bool IsLast => Number >= Max;
}
