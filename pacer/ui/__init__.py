"""The Qt front: views draw the core's state and forward input; they hold no practice logic."""
