"""Materials: usage statistics over order items and stock consumed by orders."""
