"""The desktop side of reminders: the notification and the waiting process."""
