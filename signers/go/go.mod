module zoomsigner

go 1.19
