namespace JanTune.Server.Hosting;

/// <summary>Where the background model load stands.</summary>
public enum ModelState
{
    Loading,
    Ready,
    Failed,
}
